package org.amalgam.golden.web;

/** A split from the golden record page: the source record to take out and why. */
record SplitForm(String source, String sourceKey, String reason) {}
