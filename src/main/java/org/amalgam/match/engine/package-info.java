/**
 * The matching engine as plain Java, without Spring or a database: {@link org.amalgam.match.engine.MatchSettings}
 * (parsed from the model's {@code match} section), {@link org.amalgam.match.engine.RecordPreparer} and its
 * {@link org.amalgam.match.engine.PreparedRecord}s with their blocking keys, {@link
 * org.amalgam.match.engine.WeightEstimator} (Fellegi-Sunter m and u by EM, no labels), {@link
 * org.amalgam.match.engine.Scorer} (scores that explain themselves), {@link org.amalgam.match.engine.BulkClusterer}
 * and {@link org.amalgam.match.engine.IncrementalMatcher}, which share one rule for joining clusters.
 */
@org.springframework.modulith.NamedInterface("engine")
package org.amalgam.match.engine;
