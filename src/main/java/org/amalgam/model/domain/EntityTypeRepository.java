package org.amalgam.model.domain;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface EntityTypeRepository extends JpaRepository<EntityType, Long> {

    Optional<EntityType> findByCode(String code);
}
