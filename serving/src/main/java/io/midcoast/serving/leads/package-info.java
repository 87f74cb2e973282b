/**
 * The lead model loop of the application: {@link io.midcoast.serving.leads.LeadTrainerLoop} reads
 * the labelled training examples of {@code leads.example}, trains a lead model with ml-models'
 * {@code LeadTrainer} whenever enough new outcomes arrived, and publishes it to {@code ml.model}
 * (champion when there is none, else challenger); {@link io.midcoast.serving.leads.ModelCatalog}
 * holds the decisions about versions and stages that the trainer and the operator's promote command
 * share. See docs/leads-loop.md.
 */
package io.midcoast.serving.leads;
