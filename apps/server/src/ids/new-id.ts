import { randomFillSync } from "node:crypto";
import { v7 as uuidv7 } from "uuid";

/** Random bytes for this many ids are drawn at once: one call into the CSPRNG per batch, not per id. */
const IDS_PER_DRAW = 256;
const BYTES_PER_ID = 16;

const pool = new Uint8Array(IDS_PER_DRAW * BYTES_PER_ID);
const poolView = new DataView(pool.buffer);
let offset = pool.length;
const clock = { msecs: Number.NEGATIVE_INFINITY, seq: 0 };

/**
 * A UUIDv7 whose ids from this process sort in the order they were made, as `uuid`'s own `v7()` does (a 32-bit
 * counter within a millisecond, seeded at random when the millisecond changes), but with its random bytes cut from
 * a pool: `v7()` calls `getRandomValues` for every id, about 7 µs of the 8.7 µs it costs, and a reply makes a
 * dozen ids.
 */
export function newId(): string {
  if (offset === pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const random = pool.subarray(offset, offset + BYTES_PER_ID);
  const now = Date.now();
  if (now > clock.msecs) {
    clock.msecs = now;
    // 31 random bits leave the counter room to count up within the millisecond before it wraps.
    clock.seq = poolView.getUint32(offset + 6) & 0x7fffffff;
  } else {
    clock.seq = (clock.seq + 1) | 0;
    if (clock.seq === 0) clock.msecs += 1;
  }
  offset += BYTES_PER_ID;
  return uuidv7({ random, msecs: clock.msecs, seq: clock.seq });
}
