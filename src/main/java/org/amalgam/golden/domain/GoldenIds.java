package org.amalgam.golden.domain;

import java.security.SecureRandom;
import java.util.UUID;

/** Time-ordered (version 7) UUIDs: stable ids that index well because new ones sort last. */
final class GoldenIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private GoldenIds() {}

    static UUID next() {
        long millis = System.currentTimeMillis();
        long msb = (millis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0FFFL);
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
