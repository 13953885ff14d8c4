// A growing hash map from object ids to 32-bit values, the ids kept as bytes in typed arrays: a history's 230k blob ids
// and 120k commit ids cost ~10 MB here, against ~100 bytes each as strings in a Set or Map (and a string cut from a
// line of `git log` output keeps that whole line alive). Keys that are not hex ids (file paths) go to a plain Map.

const INITIAL_SLOTS = 1 << 10;

/** Random per process, and two words of the id mixed: a crafted set of ids cannot pile into one probe chain. */
const SEEDS = [(Math.random() * 0x1_0000_0000) >>> 0, (Math.random() * 0x1_0000_0000) >>> 0];

/** Git's spelling of an id: a regex here cost more than the lookup it guards. */
function isLowerHex(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (!((code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x66))) return false;
  }
  return true;
}

export class OidMap {
  private oidBytes = 0;
  private count = 0;
  /** ids packed end to end, in insertion order */
  private ids = new Uint8Array(0);
  private values = new Uint32Array(0);
  /** open addressing: 0 is empty, else 1 + the id's index */
  private slots = new Int32Array(INITIAL_SLOTS);
  private readonly key = Buffer.alloc(32);
  private readonly others = new Map<string, number>();

  get size(): number {
    return this.count + this.others.size;
  }

  has(oid: string): boolean {
    return this.get(oid) !== undefined;
  }

  get(oid: string): number | undefined {
    if (!this.fits(oid)) return this.others.get(oid);
    const entry = this.slots[this.find(oid)];
    return entry > 0 ? this.values[entry - 1] : undefined;
  }

  /** Adds the id, or replaces its value. */
  set(oid: string, value = 0): this {
    if (this.oidBytes === 0 && (oid.length === 40 || oid.length === 64) && isLowerHex(oid)) this.oidBytes = oid.length / 2;
    if (!this.fits(oid)) {
      this.others.set(oid, value);
      return this;
    }
    const slot = this.find(oid);
    if (this.slots[slot] > 0) this.values[this.slots[slot] - 1] = value;
    else this.insert(slot, value);
    return this;
  }

  /** Adds the id whose bytes `find` left in `this.key` at its empty `slot`. */
  private insert(slot: number, value: number): void {
    if (this.count === this.values.length) this.grow();
    const index = this.count++;
    this.ids.set(this.key.subarray(0, this.oidBytes), index * this.oidBytes);
    this.values[index] = value;
    this.slots[slot] = index + 1;
    if (this.count * 2 > this.slots.length) this.rehash();
  }

  /** The id's value if it is there; otherwise adds it with `value` and gives undefined. One lookup for both. */
  getOrSet(oid: string, value = 0): number | undefined {
    if (!this.fits(oid)) {
      const known = this.others.get(oid);
      if (known === undefined) this.set(oid, value);
      return known;
    }
    const slot = this.find(oid);
    if (this.slots[slot] > 0) return this.values[this.slots[slot] - 1];
    this.insert(slot, value);
    return undefined;
  }

  *entries(): Generator<[string, number]> {
    for (let index = 0; index < this.count; index += 1) {
      yield [Buffer.from(this.ids.buffer, this.ids.byteOffset + index * this.oidBytes, this.oidBytes).toString('hex'), this.values[index]];
    }
    yield* this.others;
  }

  private fits(oid: string): boolean {
    return this.oidBytes > 0 && oid.length === this.oidBytes * 2 && isLowerHex(oid);
  }

  /** The slot holding `oid`, or the empty slot where it would go; leaves its bytes in `this.key`. */
  private find(oid: string): number {
    this.key.write(oid, 0, 'hex');
    const mask = this.slots.length - 1;
    for (let slot = this.hash(this.key, 0) & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot];
      if (entry === 0 || this.equals(entry - 1)) return slot;
    }
  }

  private hash(bytes: Uint8Array, at: number): number {
    const low = (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) ^ SEEDS[0];
    const high = (bytes[at + 4] | (bytes[at + 5] << 8) | (bytes[at + 6] << 16) | (bytes[at + 7] << 24)) ^ SEEDS[1];
    const mixed = Math.imul(low ^ (low >>> 15), 0x2c1b3c6d) ^ Math.imul(high ^ (high >>> 13), 0x297a2d39);
    return (mixed ^ (mixed >>> 16)) >>> 0;
  }

  private equals(index: number): boolean {
    const at = index * this.oidBytes;
    for (let i = 0; i < this.oidBytes; i += 1) if (this.ids[at + i] !== this.key[i]) return false;
    return true;
  }

  private grow(): void {
    const capacity = Math.max(1024, this.values.length * 2);
    const ids = new Uint8Array(capacity * this.oidBytes);
    ids.set(this.ids);
    const values = new Uint32Array(capacity);
    values.set(this.values);
    this.ids = ids;
    this.values = values;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let index = 0; index < this.count; index += 1) {
      let slot = this.hash(this.ids, index * this.oidBytes) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = index + 1;
    }
    this.slots = slots;
  }
}
