package org.amalgam.golden.web;

/** A steward's override from the golden record page: attribute, value and why. */
record OverrideForm(String attribute, String value, String reason) {}
