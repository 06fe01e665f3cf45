// Exact oracle for @htcondor-ts/classad: drives HTCondor 23.9.6's own libclassad (and libcondor_utils for
// HTCondor's extra functions and old-ClassAd semantics) on a stream of requests.
//
// Input: one request per line, fields separated by single spaces: <command> <hex(utf-8 arg)>...
// Output: one JSON object per line. Strings are emitted byte by byte (bytes >= 0x80 as \u00XX), so a
// reader must map each char code back to a byte and decode the bytes as UTF-8.
//
// Commands:
//   parse   MODE TEXT      MODE = new (ParseExpression full) | old (old syntax, not full: the wire)
//   eval    EXPR [MYAD [TARGETAD]]   evaluate a new-syntax expression, optionally in MY (and TARGET) ads
//   ad      TEXT           parse a new-syntax ad; print it in old, new, JSON forms (attribute order is C++'s)
//   json    TEXT           parse a JSON ad (ClassAdJsonParser) and unparse it
//   match   ADA ADB        MatchClassAd: symmetric, left-matches-right, right-matches-left
//   flatten EXPR AD        ClassAd::Flatten
//   refs    EXPR AD        external and internal references (full names)
//   xml     TEXT           parse a new-syntax ad; print it with ClassAdXMLUnParser (condor_q -xml spacing)
//   xmlparse TEXT          parse an XML ad (ClassAdXMLParser) and unparse it
//   strict_<cmd> ...       any command with old ClassAd semantics turned off (STRICT_CLASSAD_EVALUATION)
//   wire    TEXT           an ad as long-form lines: each line through InsertLongFormAttrValue (as getClassAd
//                          does with wire lines), then printed old, new, JSON and XML
#include <classad/classad_distribution.h>
#include <classad/matchClassad.h>
#include <classad/jsonSink.h>
#include <classad/jsonSource.h>
#include <classad/xmlSink.h>
#include <classad/xmlSource.h>
#include <iostream>
#include <string>
#include <vector>
#include <sstream>

void ClassAdReconfig();  // libcondor_utils: registers HTCondor's functions, turns on old semantics
bool InsertLongFormAttrValue(classad::ClassAd &ad, const char *line, bool use_cache);  // libcondor_utils

using namespace classad;

static std::string unhex(const std::string &h) {
  std::string out;
  for (size_t i = 0; i + 1 < h.size(); i += 2) out += (char)std::stoi(h.substr(i, 2), nullptr, 16);
  return out;
}

static std::string js(const std::string &s) {
  std::string o = "\"";
  char buf[8];
  for (unsigned char c : s) {
    if (c == '"') o += "\\\"";
    else if (c == '\\') o += "\\\\";
    else if (c < 0x20 || c >= 0x7f) { snprintf(buf, sizeof buf, "\\u%04x", c); o += buf; }
    else o += (char)c;
  }
  return o + "\"";
}

static const char *typeName(const Value &v) {
  switch (v.GetType()) {
    case Value::UNDEFINED_VALUE: return "undefined";
    case Value::ERROR_VALUE: return "error";
    case Value::BOOLEAN_VALUE: return "boolean";
    case Value::INTEGER_VALUE: return "integer";
    case Value::REAL_VALUE: return "real";
    case Value::STRING_VALUE: return "string";
    case Value::ABSOLUTE_TIME_VALUE: return "abstime";
    case Value::RELATIVE_TIME_VALUE: return "reltime";
    case Value::CLASSAD_VALUE: case Value::SCLASSAD_VALUE: return "classad";
    case Value::LIST_VALUE: case Value::SLIST_VALUE: return "list";
    default: return "other";
  }
}

static std::string unparseNew(const ExprTree *t) { ClassAdUnParser u; std::string s; u.Unparse(s, t); return s; }
static std::string unparseOld(const ExprTree *t) { ClassAdUnParser u; u.SetOldClassAd(true, true); std::string s; u.Unparse(s, t); return s; }

static ClassAd *parseAd(const std::string &text) {
  ClassAdParser p;
  return p.ParseClassAd(text, true);
}

static std::string valueJson(const Value &v) {
  ClassAdUnParser u; std::string s; u.Unparse(s, v);
  ClassAdUnParser uo; uo.SetOldClassAd(true, true); std::string so; uo.Unparse(so, v);
  return std::string("\"type\":\"") + typeName(v) + "\",\"value\":" + js(s) + ",\"old\":" + js(so);
}

static std::string refsJson(const References &r) {
  std::string o = "[";
  bool first = true;
  for (const auto &x : r) { if (!first) o += ","; first = false; o += js(x); }
  return o + "]";
}

int main() {
  ClassAdReconfig();
  std::string line;
  while (std::getline(std::cin, line)) {
    std::vector<std::string> f;
    std::istringstream is(line);
    std::string w;
    while (std::getline(is, w, ' ')) f.push_back(w);
    if (f.empty()) continue;
    // "strict_<cmd>": run <cmd> with old ClassAd semantics off (STRICT_CLASSAD_EVALUATION = true)
    bool strict = f[0].rfind("strict_", 0) == 0;
    if (strict) { f[0] = f[0].substr(7); SetOldClassAdSemantics(false); }
    const std::string &cmd = f[0];
    std::vector<std::string> a;
    for (size_t i = 1; i < f.size(); i++) a.push_back(i == 1 && cmd == "parse" ? f[i] : unhex(f[i]));
    std::string out;
    if (cmd == "parse") {
      ClassAdParser p;
      bool old = a[0] == "old";
      p.SetOldClassAd(old);
      std::string text = unhex(f[2]);
      ExprTree *t = old ? p.ParseExpression(text, false) : p.ParseExpression(text, true);
      if (!t) out = "{\"ok\":false}";
      else { out = "{\"ok\":true,\"new\":" + js(unparseNew(t)) + ",\"old\":" + js(unparseOld(t)) + "}"; delete t; }
    } else if (cmd == "eval") {
      ClassAdParser p;
      ExprTree *t = p.ParseExpression(a[0], true);
      if (!t) { out = "{\"ok\":false}"; }
      else {
        ClassAd *my = a.size() > 1 ? parseAd(a[1]) : new ClassAd();
        ClassAd *target = a.size() > 2 ? parseAd(a[2]) : nullptr;
        if (!my || (a.size() > 2 && !target)) out = "{\"ok\":false,\"badad\":true}";
        else {
          MatchClassAd *mad = target ? new MatchClassAd(my, target) : nullptr;
          t->SetParentScope(my);
          Value v;
          bool ok = my->EvaluateExpr(t, v);
          out = std::string("{\"ok\":") + (ok ? "true," : "false,") + valueJson(v) + "}";
          if (mad) { mad->RemoveLeftAd(); mad->RemoveRightAd(); delete mad; }
          delete target;
        }
        delete t;
        delete my;
      }
    } else if (cmd == "ad") {
      ClassAd *ad = parseAd(a[0]);
      if (!ad) out = "{\"ok\":false}";
      else {
        ClassAdUnParser uo; uo.SetOldClassAd(true); std::string so; uo.Unparse(so, ad);
        ClassAdJsonUnParser ju; std::string sj; ju.Unparse(sj, ad);
        out = "{\"ok\":true,\"new\":" + js(unparseNew(ad)) + ",\"old\":" + js(so) + ",\"json\":" + js(sj) + "}";
        delete ad;
      }
    } else if (cmd == "json") {
      ClassAdJsonParser jp;
      ClassAd *ad = jp.ParseClassAd(a[0], true);
      if (!ad) out = "{\"ok\":false}";
      else { out = "{\"ok\":true,\"new\":" + js(unparseNew(ad)) + "}"; delete ad; }
    } else if (cmd == "match") {
      ClassAd *l = parseAd(a[0]);
      ClassAd *r = parseAd(a[1]);
      if (!l || !r) out = "{\"ok\":false}";
      else {
        MatchClassAd mad(l, r);
        bool sym = mad.symmetricMatch();
        bool lr = mad.leftMatchesRight();
        bool rl = mad.rightMatchesLeft();
        Value lrv, rrv;
        mad.EvaluateAttr("leftRankValue", lrv);
        mad.EvaluateAttr("rightRankValue", rrv);
        ClassAdUnParser ru; std::string sl, sr; ru.Unparse(sl, lrv); ru.Unparse(sr, rrv);
        out = std::string("{\"ok\":true,\"symmetric\":") + (sym ? "true" : "false") + ",\"leftMatchesRight\":" + (lr ? "true" : "false") +
              ",\"rightMatchesLeft\":" + (rl ? "true" : "false") + ",\"leftRank\":" + js(sl) + ",\"rightRank\":" + js(sr) + "}";
        mad.RemoveLeftAd(); mad.RemoveRightAd();
      }
      delete l; delete r;
    } else if (cmd == "flatten" || cmd == "refs") {
      ClassAdParser p;
      ExprTree *t = p.ParseExpression(a[0], true);
      ClassAd *ad = parseAd(a[1]);
      if (!t || !ad) out = "{\"ok\":false}";
      else if (cmd == "flatten") {
        Value v; ExprTree *ft = nullptr;
        bool ok = ad->Flatten(t, v, ft);
        out = std::string("{\"ok\":") + (ok ? "true" : "false");
        if (ft) { out += ",\"expr\":" + js(unparseNew(ft)); delete ft; }
        else out += "," + valueJson(v);
        out += "}";
      } else {
        References ext, in;
        ad->GetExternalReferences(t, ext, true);
        ad->GetInternalReferences(t, in, true);
        out = "{\"ok\":true,\"external\":" + refsJson(ext) + ",\"internal\":" + refsJson(in) + "}";
      }
      delete t; delete ad;
    } else if (cmd == "xml") {
      ClassAd *ad = parseAd(a[0]);
      if (!ad) out = "{\"ok\":false}";
      else {
        ClassAdXMLUnParser xu; xu.SetCompactSpacing(false); std::string sx; xu.Unparse(sx, ad);
        out = "{\"ok\":true,\"xml\":" + js(sx) + "}";
        delete ad;
      }
    } else if (cmd == "xmlparse") {
      ClassAdXMLParser xp;
      ClassAd *ad = xp.ParseClassAd(a[0]);
      if (!ad) out = "{\"ok\":false}";
      else { out = "{\"ok\":true,\"new\":" + js(unparseNew(ad)) + "}"; delete ad; }
    } else if (cmd == "wire") {
      ClassAd ad;
      std::istringstream ls(a[0]);
      std::string l;
      bool ok = true;
      while (std::getline(ls, l)) {
        if (l.empty()) continue;
        if (!InsertLongFormAttrValue(ad, l.c_str(), true)) { ok = false; break; }
      }
      if (!ok) out = "{\"ok\":false}";
      else {
        ClassAdUnParser uo; uo.SetOldClassAd(true); std::string so; uo.Unparse(so, &ad);
        ClassAdJsonUnParser ju; std::string sj; ju.Unparse(sj, &ad);
        ClassAdXMLUnParser xu; xu.SetCompactSpacing(false); std::string sx; xu.Unparse(sx, &ad);
        out = "{\"ok\":true,\"new\":" + js(unparseNew(&ad)) + ",\"old\":" + js(so) + ",\"json\":" + js(sj) + ",\"xml\":" + js(sx) + "}";
      }
    } else {
      out = "{\"ok\":false,\"unknown\":true}";
    }
    if (strict) SetOldClassAdSemantics(true);
    std::cout << out << std::endl;
  }
  return 0;
}
