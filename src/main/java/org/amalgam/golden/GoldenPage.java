package org.amalgam.golden;

import java.util.List;

/** One page of golden records; {@code page} counts from 0. */
public record GoldenPage(List<GoldenRecordSummary> items, int page, int size, long total) {

    public int totalPages() {
        return size == 0 ? 0 : (int) ((total + size - 1) / size);
    }

    public boolean hasNext() {
        return page + 1 < totalPages();
    }

    public boolean hasPrevious() {
        return page > 0;
    }
}
