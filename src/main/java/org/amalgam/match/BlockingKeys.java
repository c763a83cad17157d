package org.amalgam.match;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import org.amalgam.model.EntityTypeView;
import org.amalgam.model.EntityTypes;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The stored blocking keys of an entity type's live source records, with the size of each key's block: what an
 * administrator reads to see why two records were never compared (they share no key, or only keys whose blocks are
 * too large to compare), and what the quality benchmark reads to measure blocking pair completeness.
 */
@Service
public class BlockingKeys {

    private final JdbcClient jdbc;
    private final EntityTypes entityTypes;

    BlockingKeys(JdbcClient jdbc, EntityTypes entityTypes) {
        this.jdbc = jdbc;
        this.entityTypes = entityTypes;
    }

    /**
     * Writes CSV {@code source,source_key,key,block_size}, one line per key of a record, ordered by source and key. A
     * key is stored as a 64-bit hash of the key's name and value, so the file shows the hash: records with the same
     * number share the key.
     * An unknown type fails like every other call naming one.
     */
    @Transactional(readOnly = true)
    public void writeCsv(String typeCode, Writer out) {
        EntityTypeView type = entityTypes.get(typeCode);
        try {
            CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180);
            printer.printRecord("source", "source_key", "key", "block_size");
            jdbc.sql(
                            """
                            select s.code, r.source_key, k.key::text,
                                   count(*) over (partition by k.key) as block_size
                              from match_key k
                              join source_record r on r.id = k.source_record_id
                              join source_system s on s.id = r.source_id
                             where r.entity_type_id = :type and not r.deleted
                             order by s.code, r.source_key, k.key
                            """)
                    .param("type", type.id())
                    .withFetchSize(5000)
                    .query(rs -> {
                        try {
                            printer.printRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
