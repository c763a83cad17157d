package org.amalgam.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HTTP Basic credentials that were verified a moment ago, so that a script calling the API many times a second does
 * not pay for a password hash check (bcrypt, tens of milliseconds of CPU) on every request.
 *
 * <p>An entry is keyed by a SHA-256 of a random salt made for this process, the username, the presented password and
 * the stored password hash it was checked against; the password itself is never kept. An entry lives for a short
 * time ({@code amalgam.security.basic-auth-cache.ttl}, 60 s by default) and the least recently used ones give way when
 * there are more than {@code max-entries}. Only successful checks are remembered. Because the stored hash is part of
 * the key, a changed password never matches an old entry, and the user's roles and whether the user is enabled are
 * read afresh on every request; {@link Users} also forgets a user's entries whenever it changes the user's password,
 * role or enabled state.
 */
final class VerifiedCredentials {

    private final Duration ttl;
    private final int maxEntries;
    private final Clock clock;
    private final byte[] salt = new byte[32];
    private final LinkedHashMap<String, Entry> entries;

    /** Who an entry is for, and until when it holds. */
    private record Entry(String username, Instant expiresAt) {}

    /**
     * @param ttl how long a verified login is remembered; zero or negative remembers nothing
     * @param maxEntries how many logins are remembered at most
     */
    VerifiedCredentials(Duration ttl, int maxEntries, Clock clock) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("max-entries must not be negative");
        }
        this.ttl = ttl;
        this.maxEntries = maxEntries;
        this.clock = clock;
        new SecureRandom().nextBytes(salt);
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > VerifiedCredentials.this.maxEntries;
            }
        };
    }

    private boolean enabled() {
        return maxEntries > 0 && !ttl.isZero() && !ttl.isNegative();
    }

    /** Whether this username and password were verified against this stored hash within the time to live. */
    boolean contains(String username, String password, String passwordHash) {
        if (!enabled()) {
            return false;
        }
        String key = key(username, password, passwordHash);
        synchronized (entries) {
            Entry entry = entries.get(key);
            if (entry == null) {
                return false;
            }
            if (!clock.instant().isBefore(entry.expiresAt())) {
                entries.remove(key);
                return false;
            }
            return true;
        }
    }

    /** Remembers a successful check of this password against this stored hash. */
    void remember(String username, String password, String passwordHash) {
        if (!enabled()) {
            return;
        }
        String key = key(username, password, passwordHash);
        Entry entry = new Entry(username, clock.instant().plus(ttl));
        synchronized (entries) {
            entries.put(key, entry);
        }
    }

    /** Forgets every verified login of this user: the next request checks the password again. */
    void forget(String username) {
        synchronized (entries) {
            for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
                if (it.next().username().equals(username)) {
                    it.remove();
                }
            }
        }
    }

    /** How many logins are remembered now (expired ones included until they are looked up or pushed out). */
    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private String key(String username, String password, String passwordHash) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        sha256.update(salt);
        for (String part : new String[] {username, password, passwordHash}) {
            byte[] bytes = (part == null ? "" : part).getBytes(StandardCharsets.UTF_8);
            // the length first, so that no two different triples give the same input
            sha256.update(new byte[] {
                (byte) (bytes.length >>> 24),
                (byte) (bytes.length >>> 16),
                (byte) (bytes.length >>> 8),
                (byte) bytes.length
            });
            sha256.update(bytes);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }
}
