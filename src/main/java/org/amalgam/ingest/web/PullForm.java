package org.amalgam.ingest.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.amalgam.ingest.jdbc.JdbcPullDefinition;
import org.amalgam.ingest.jdbc.JdbcPullView;

/** What the JDBC pull form posts. The password is never sent back to the browser. */
record PullForm(
        @NotBlank(message = "{pull.name.required}")
                @Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,62}", message = "{inbound.name.invalid}")
                String name,
        @NotBlank(message = "{pull.type.required}") String type,
        @NotBlank(message = "{pull.jdbcUrl.required}") @Size(max = 2000) String jdbcUrl,
        @Size(max = 200) String username,
        String password,
        Boolean clearPassword,
        @NotBlank(message = "{pull.query.required}") String query,
        @NotBlank(message = "{pull.keyColumn.required}") String keyColumn,
        @NotBlank(message = "{pull.watermarkColumn.required}") String watermarkColumn,
        @NotBlank(message = "{pull.schedule.required}") String schedule,
        String mapping,
        Boolean enabled,
        Boolean resetWatermark,
        Boolean editing) {

    /** A checkbox that is not ticked sends nothing, and one the page did not show is not ticked either. */
    PullForm {
        clearPassword = Boolean.TRUE.equals(clearPassword);
        enabled = Boolean.TRUE.equals(enabled);
        resetWatermark = Boolean.TRUE.equals(resetWatermark);
        editing = Boolean.TRUE.equals(editing);
    }

    static PullForm empty() {
        return new PullForm(
                "",
                "person",
                "jdbc:mariadb://",
                "",
                null,
                false,
                "",
                "id",
                "updated_at",
                "PT15M",
                "",
                true,
                false,
                false);
    }

    static PullForm of(JdbcPullView pull) {
        return new PullForm(
                pull.name(),
                pull.type(),
                pull.jdbcUrl(),
                pull.username(),
                null,
                false,
                pull.query(),
                pull.keyColumn(),
                pull.watermarkColumn(),
                pull.schedule(),
                pull.mapping(),
                pull.enabled(),
                false,
                true);
    }

    /** An empty password field keeps the stored password, unless the form asks to remove it. */
    JdbcPullDefinition toDefinition() {
        String newPassword = clearPassword ? "" : password == null || password.isEmpty() ? null : password;
        return new JdbcPullDefinition(
                type,
                jdbcUrl,
                username,
                newPassword,
                query,
                keyColumn,
                watermarkColumn,
                schedule,
                mapping,
                enabled,
                resetWatermark);
    }
}
