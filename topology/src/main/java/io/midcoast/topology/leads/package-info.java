/**
 * The lead topology: {@code feeds.lead.event} → lead state, features, scores, alerts, training
 * examples, champion/challenger evaluation and drift; models arrive on {@code ml.model} and swap in
 * without a restart. Entry point: {@link io.midcoast.topology.leads.LeadTopology}; the rules are in
 * {@link io.midcoast.topology.leads.LeadRules} and docs/leads.md.
 */
package io.midcoast.topology.leads;
