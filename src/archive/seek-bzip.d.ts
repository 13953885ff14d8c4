// The parts of seek-bzip 2.0.0 (no types of its own) that decompress-stream.ts drives block by block.
declare module 'seek-bzip' {
  interface ByteSource {
    readByte(): number;
    read(buffer: Uint8Array, offset: number, length: number): number;
    seek(pos: number): void;
    eof(): boolean;
  }
  class Bunzip {
    constructor(input: ByteSource, output: { writeByte(byte: number): void });
    reader: { read(bits: number): number };
    streamCRC: number;
    _init_block(): boolean;
    _read_bunzip(): number;
    _start_bunzip(input: ByteSource, output: { writeByte(byte: number): void }): void;
  }
  export default Bunzip;
}
