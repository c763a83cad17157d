package org.amalgam.model.domain;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface EntityTypeRepository extends JpaRepository<EntityType, Long> {

    /**
     * Looked up on every pushed record: a JPQL string, whose interpretation Hibernate keeps in its query plan cache,
     * instead of a derived query, which builds a criteria query and interprets it again on each call.
     */
    @Query("select t from EntityType t where t.code = :code")
    Optional<EntityType> findByCode(String code);
}
