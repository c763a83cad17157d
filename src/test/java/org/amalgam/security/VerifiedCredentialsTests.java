package org.amalgam.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class VerifiedCredentialsTests {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {

        Instant now = Instant.parse("2026-11-27T12:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final ManualClock clock = new ManualClock();
    final VerifiedCredentials verified = new VerifiedCredentials(Duration.ofSeconds(60), 3, clock);

    @Test
    void aVerifiedLoginIsRememberedForItsTimeToLiveOnly() {
        verified.remember("ann", "secret-1", "{bcrypt}hash-1");

        clock.now = clock.now.plusSeconds(59);
        assertThat(verified.contains("ann", "secret-1", "{bcrypt}hash-1")).isTrue();
        clock.now = clock.now.plusSeconds(1);
        assertThat(verified.contains("ann", "secret-1", "{bcrypt}hash-1")).isFalse();
        assertThat(verified.size()).as("the expired entry is dropped").isZero();
    }

    @Test
    void anotherPasswordUserOrStoredHashIsNotTheRememberedLogin() {
        verified.remember("ann", "secret-1", "{bcrypt}hash-1");

        assertThat(verified.contains("ann", "secret-2", "{bcrypt}hash-1")).isFalse();
        assertThat(verified.contains("bob", "secret-1", "{bcrypt}hash-1")).isFalse();
        assertThat(verified.contains("ann", "secret-1", "{bcrypt}hash-2"))
                .as("a changed password hash never matches an old entry")
                .isFalse();
        // the parts are length-prefixed: moving characters between them gives another key
        assertThat(verified.contains("an", "nsecret-1", "{bcrypt}hash-1")).isFalse();
    }

    @Test
    void forgettingAUserForgetsAllOfItsLoginsAndNoOneElses() {
        verified.remember("ann", "secret-1", "{bcrypt}hash-1");
        verified.remember("ann", "secret-1", "{bcrypt}hash-0");
        verified.remember("bob", "secret-b", "{bcrypt}hash-b");

        verified.forget("ann");

        assertThat(verified.contains("ann", "secret-1", "{bcrypt}hash-1")).isFalse();
        assertThat(verified.contains("ann", "secret-1", "{bcrypt}hash-0")).isFalse();
        assertThat(verified.contains("bob", "secret-b", "{bcrypt}hash-b")).isTrue();
    }

    @Test
    void theLeastRecentlyUsedLoginGivesWayWhenTheCacheIsFull() {
        verified.remember("a", "pa", "ha");
        verified.remember("b", "pb", "hb");
        verified.remember("c", "pc", "hc");
        assertThat(verified.contains("a", "pa", "ha")).isTrue(); // a is now used more recently than b

        verified.remember("d", "pd", "hd");

        assertThat(verified.size()).isEqualTo(3);
        assertThat(verified.contains("b", "pb", "hb")).isFalse();
        assertThat(verified.contains("a", "pa", "ha")).isTrue();
        assertThat(verified.contains("d", "pd", "hd")).isTrue();
    }

    @Test
    void aZeroTimeToLiveRemembersNothing() {
        VerifiedCredentials off = new VerifiedCredentials(Duration.ZERO, 100, clock);

        off.remember("ann", "secret-1", "{bcrypt}hash-1");

        assertThat(off.contains("ann", "secret-1", "{bcrypt}hash-1")).isFalse();
        assertThat(off.size()).isZero();
    }

    @Test
    void twoProcessesSaltTheirKeysDifferently() throws Exception {
        VerifiedCredentials other = new VerifiedCredentials(Duration.ofSeconds(60), 3, clock);
        verified.remember("ann", "secret-1", "{bcrypt}hash-1");
        other.remember("ann", "secret-1", "{bcrypt}hash-1");

        assertThat(keys(verified)).doesNotContainAnyElementsOf(keys(other));
        assertThat(keys(verified))
                .allSatisfy(key -> assertThat(key).doesNotContain("secret-1").matches("[0-9a-f]{64}"));
    }

    @SuppressWarnings("unchecked")
    private static java.util.Set<String> keys(VerifiedCredentials credentials) throws Exception {
        var field = VerifiedCredentials.class.getDeclaredField("entries");
        field.setAccessible(true);
        return new java.util.HashSet<>(((java.util.Map<String, ?>) field.get(credentials)).keySet());
    }
}
