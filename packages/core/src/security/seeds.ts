// Protocol constants of Condor_Auth_Passwd (PASSWORD and IDTOKENS): the two fixed 256-byte seeds that
// Condor_Auth_Passwd::setup_seed writes into the front of the HKDF salts (src/condor_io/condor_auth_passwd.cpp,
// v23.9.6). Data only; the hex below is byte-for-byte that table.
import { fromHex } from '../wire/utf8.js';

/** AUTH_PW_KEY_LEN: the seed length, and the length of the random challenges ra and rb. */
export const AUTH_PW_KEY_LEN = 256;

const SEED_KA_HEX =
  '3e4a502047d5f4e5dc7c69bb5210cbb6167add8084f7dd9ef3ad2cca71d283dd114a4fbb7b1ee90adfa862c44304de54' +
  '73a3172f735c2cbb6e775b5d40d39face873182523f9252b623be0d4b167a3a8040cacfee9ee3da02c0abbf4d9d8b11f' +
  '89004c943923ce5d9508bb3f04bc66a3fa20a13a416c5e6f4e0d3187d45fc78335c5e485db2c5a3717970cc26e7b6b9d' +
  '1965b47a67df77a31f22f08a6c0ba57097a21a9ca7c60424f72739ab5cb915a4185bd109828e35e42108ab851c08a3df' +
  'fde0e3b06f3d3938cdad6df6ef9a6f6dc2cb74f0228512eb7a3d6823010684b015c12ac3014c4f9f938e384dad1e3bd7' +
  '45ff8c141fd70b465ba8af5d1b98b4b1' +
  '';
const SEED_KB_HEX =
  '010026ad75dfc6c190a5a266b0d1b5d860f7cfa38467205501cd460d4a88d473fa52e0b3e9141e33c97d851eee2dd336' +
  '32f3886768ef010ec8dfdd668ade92d5c34308bb243895d84ed785e27268cc5ee7560de49828fab766c2ad8c0b2c0afb' +
  '435c382db5d2ff36a8aead5820470a9ad45d79856f5e2ece894bd2507929dcf26f7d09f0028f1ac4d971f4820c5f5471' +
  '7e9dcdabeb215f61655dead4b72c3d3b5f66fa4b30b85888d62facd4129c1304919f69ad6d8c2c43d9ce5cdb31d45803' +
  '52c7362b8d80b7ef1bba5d676660a944764502f91d1d3c54910c088bccb72b11948a5e1a1dcd04369c17d298804c216e' +
  '7a2690b8c0e970363300d092df24fb8c' +
  '';

export const SEED_KA: Uint8Array = fromHex(SEED_KA_HEX);
export const SEED_KB: Uint8Array = fromHex(SEED_KB_HEX);
