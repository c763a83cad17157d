package org.amalgam.ingest;

import java.util.List;

/** A row that was not stored: its row number (1 = first data row), raw content and the reasons. */
public record RejectionView(long row, String raw, List<String> reasons) {}
