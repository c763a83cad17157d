package org.amalgam.sources.domain;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface SourceSystemRepository extends JpaRepository<SourceSystem, Long> {

    /**
     * Looked up on every pushed record: a JPQL string, whose interpretation Hibernate keeps in its query plan cache,
     * instead of a derived query, which builds a criteria query and interprets it again on each call.
     */
    @Query("select s from SourceSystem s where s.code = :code")
    Optional<SourceSystem> findByCode(String code);
}
