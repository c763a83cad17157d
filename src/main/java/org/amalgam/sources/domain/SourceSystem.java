package org.amalgam.sources.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import java.time.Instant;

/** One connected department system. */
@Entity
@Table(name = "source_system")
public class SourceSystem {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, updatable = false)
    private String code;

    @Column(nullable = false)
    private String name;

    private String department;

    private int priority;

    private boolean deduplicated;

    @Column(name = "phone_region")
    private String phoneRegion;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected SourceSystem() {}

    public SourceSystem(String code) {
        this.code = code;
    }

    public void update(String name, String department, int priority, boolean deduplicated, String phoneRegion) {
        this.name = name;
        this.department = department;
        this.priority = priority;
        this.deduplicated = deduplicated;
        this.phoneRegion = phoneRegion;
    }

    @PrePersist
    void onCreate() {
        createdAt = Instant.now();
        updatedAt = createdAt;
    }

    @PreUpdate
    void onUpdate() {
        updatedAt = Instant.now();
    }

    public Long getId() {
        return id;
    }

    public String getCode() {
        return code;
    }

    public String getName() {
        return name;
    }

    public String getDepartment() {
        return department;
    }

    public int getPriority() {
        return priority;
    }

    public boolean isDeduplicated() {
        return deduplicated;
    }

    public String getPhoneRegion() {
        return phoneRegion;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
