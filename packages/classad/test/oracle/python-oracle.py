# Second oracle: the official HTCondor 23.9.6 Python bindings (v1), run inside the trixie chroot.
# Reads JSON lines {"expr": ..., "ad": ...} on stdin and prints one JSON line per request with the value
# `classad.ExprTree(expr).eval(classad.ClassAd(ad))` converted to a typed JSON form. `import htcondor` first:
# it activates HTCondor's functions and old ClassAd semantics, as in the daemons.
import htcondor, classad, json, struct, sys

def conv(v):
    # classad.Value is an IntEnum: test it before int
    if v is classad.Value.Undefined:
        return {"t": "undefined"}
    if v is classad.Value.Error:
        return {"t": "error"}
    if isinstance(v, bool):
        return {"t": "bool", "v": v}
    if isinstance(v, int):
        return {"t": "int", "v": str(v)}
    if isinstance(v, float):
        if v != v:
            return {"t": "real", "v": "nan"}
        return {"t": "real", "v": struct.pack(">d", v).hex()}
    if isinstance(v, str):
        return {"t": "str", "v": v}
    if v is classad.Value.Undefined:
        return {"t": "undefined"}
    if v is classad.Value.Error:
        return {"t": "error"}
    if isinstance(v, list):
        return {"t": "list", "v": [conv(x) for x in v]}
    if isinstance(v, (classad.ClassAd, dict)):
        return {"t": "ad", "v": sorted([k.lower(), conv(e)] for k, e in v.items())}
    if isinstance(v, classad.ExprTree):
        return {"t": "expr", "v": str(v)}
    return {"t": "other", "v": type(v).__name__}

for line in sys.stdin:
    req = json.loads(line)
    try:
        ad = classad.ClassAd(req["ad"]) if req.get("ad") else classad.ClassAd()
        e = classad.ExprTree(req["expr"])
        out = {"ok": True, "value": conv(e.eval(ad))}
    except Exception as ex:
        out = {"ok": False, "exc": type(ex).__name__}
    print(json.dumps(out), flush=True)
