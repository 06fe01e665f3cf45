/**
 * The seam between the CEDAR stream and the security layer: once a session key exists, every packet the
 * stream sends or receives goes through a PacketCipher (AES-256-GCM in 23.x; see security/).
 *
 * The stream owns framing; the cipher owns the per-packet transform. Both methods get the 5-byte header as it
 * appears on the wire (end flag + big-endian length of the *wire* payload), because AES-GCM binds it as AAD.
 */
export interface PacketCipher {
  /** Bytes the cipher adds to a packet of `plaintextLength` bytes (IV on the first packet, the GCM tag). */
  overhead(plaintextLength: number): number;
  /** Encrypts one outgoing packet. `header` already carries the wire length (plaintext + overhead). */
  seal(header: Uint8Array, plaintext: Uint8Array): Promise<Uint8Array>;
  /** Decrypts one incoming packet; throws (an integrity error) if it does not authenticate. */
  open(header: Uint8Array, payload: Uint8Array): Promise<Uint8Array>;
}

/**
 * What the stream saw in plaintext before crypto was switched on: the AES-GCM first-packet AAD binds
 * SHA-256 of each direction (null when nothing was exchanged, or when more than 1 MiB was, as the C++ does).
 */
export interface PlaintextTranscript {
  sent: Uint8Array | null;
  received: Uint8Array | null;
}
