package org.amalgam.golden.web;

/** A merge from the golden record page: the other golden id (as typed) and why. */
record MergeForm(String with, String reason) {}
