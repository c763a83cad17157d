package org.amalgam.shared;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PostgreSQL's {@code work_mem} raised for the current transaction only (as {@code SET LOCAL} does), for the bulk
 * statements whose hash tables, sorts and returned rows would otherwise spill to temporary files at the default 4 MB.
 */
public final class WorkMemory {

    private WorkMemory() {}

    /** Sets {@code work_mem} to {@code amount} (such as {@code 128MB}) until the current transaction ends. */
    public static void forTransaction(JdbcClient jdbc, String amount) {
        jdbc.sql("select set_config('work_mem', :amount, true)")
                .param("amount", amount)
                .query()
                .singleValue();
    }
}
