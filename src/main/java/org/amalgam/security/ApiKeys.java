package org.amalgam.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.amalgam.shared.NotFoundException;
import org.amalgam.sources.SourceSystemView;
import org.amalgam.sources.SourceSystems;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API keys of source systems. A key is {@code amk_<prefix>_<secret>}; only its SHA-256 is stored (keys are long and
 * random, so a fast hash is safe and keeps every API call cheap). The key is shown once, when it is created.
 */
@Service
public class ApiKeys {

    static final String PREFIX = "amk_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final SourceSystems sources;

    ApiKeys(JdbcClient jdbc, SourceSystems sources) {
        this.jdbc = jdbc;
        this.sources = sources;
    }

    /** A new key; its {@code key} is in this answer only. */
    public record CreatedKey(long id, String source, String prefix, String key, String name, Instant createdAt) {}

    /** A key as lists show it: never the key itself. */
    public record KeyView(
            long id,
            String prefix,
            String name,
            String createdBy,
            Instant createdAt,
            Instant lastUsedAt,
            Instant revokedAt) {}

    /** Who called with a key: the source system it belongs to. */
    public record SourcePrincipal(long keyId, long sourceId, String source) {}

    @Transactional
    public CreatedKey create(String sourceCode, String name, String createdBy) {
        SourceSystemView source = sources.get(sourceCode);
        String prefix = random(6);
        String key = PREFIX + prefix + "_" + random(24);
        Instant createdAt = jdbc.sql(
                        """
                        insert into source_api_key (source_id, prefix, key_hash, name, created_by)
                        values (:source, :prefix, :hash, :name, :by)
                        returning created_at
                        """)
                .param("source", source.id())
                .param("prefix", prefix)
                .param("hash", sha256(key))
                .param("name", name)
                .param("by", createdBy)
                .query((rs, n) -> rs.getTimestamp(1).toInstant())
                .single();
        long id = jdbc.sql("select id from source_api_key where prefix = :prefix")
                .param("prefix", prefix)
                .query(Long.class)
                .single();
        return new CreatedKey(id, source.code(), prefix, key, name, createdAt);
    }

    @Transactional(readOnly = true)
    public List<KeyView> list(String sourceCode) {
        SourceSystemView source = sources.get(sourceCode);
        return jdbc.sql(
                        """
                        select id, prefix, name, created_by, created_at, last_used_at, revoked_at
                          from source_api_key where source_id = :source order by created_at desc
                        """)
                .param("source", source.id())
                .query((rs, n) -> new KeyView(
                        rs.getLong("id"),
                        rs.getString("prefix"),
                        rs.getString("name"),
                        rs.getString("created_by"),
                        rs.getTimestamp("created_at").toInstant(),
                        instant(rs.getTimestamp("last_used_at")),
                        instant(rs.getTimestamp("revoked_at"))))
                .list();
    }

    @Transactional
    public void revoke(String sourceCode, long keyId) {
        SourceSystemView source = sources.get(sourceCode);
        int revoked = jdbc.sql(
                        """
                        update source_api_key set revoked_at = coalesce(revoked_at, now())
                         where id = :id and source_id = :source
                        """)
                .param("id", keyId)
                .param("source", source.id())
                .update();
        if (revoked == 0) {
            throw new NotFoundException("Source " + sourceCode + " has no API key " + keyId + ".");
        }
    }

    /**
     * The source a presented key belongs to, when the key is known and not revoked. One statement outside any
     * transaction, as every API call with a key runs it: it reads the key and, when the presented key's hash is the
     * stored one, marks it used (at most once a minute).
     */
    public Optional<SourcePrincipal> authenticate(String presented) {
        if (presented == null || !presented.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = presented.substring(PREFIX.length());
        int separator = rest.indexOf('_');
        if (separator <= 0) {
            return Optional.empty();
        }
        String prefix = rest.substring(0, separator);
        String hash = sha256(presented);
        return jdbc.sql(
                        """
                        with found as (
                            select k.id, k.source_id, s.code, k.key_hash, k.last_used_at from source_api_key k
                              join source_system s on s.id = k.source_id
                             where k.prefix = :prefix and k.revoked_at is null
                        ), used as (
                            update source_api_key k set last_used_at = now()
                              from found f
                             where k.id = f.id and f.key_hash = :hash
                               and (f.last_used_at is null or f.last_used_at < now() - interval '1 minute')
                        )
                        select id, source_id, code, key_hash from found
                        """)
                .param("prefix", prefix)
                .param("hash", hash)
                .query((rs, n) -> MessageDigest.isEqual(
                                rs.getString("key_hash").getBytes(StandardCharsets.US_ASCII),
                                hash.getBytes(StandardCharsets.US_ASCII))
                        ? new SourcePrincipal(rs.getLong("id"), rs.getLong("source_id"), rs.getString("code"))
                        : null)
                .optional();
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(value)
                .replace('_', 'x')
                .replace('-', 'y');
    }

    static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant instant(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
