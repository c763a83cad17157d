/**
 * JDBC pulls: a source system's department database read on a schedule (or by hand), each run only the rows whose
 * watermark column is greater than the largest value the last completed run saw, through the one record pipeline.
 */
package org.amalgam.ingest.jdbc;
