package org.dialogs.spam.decide;

/** Published inside a transaction that stored a decision; after it commits, the decision waits to be published. */
public record DecisionsStored() {
}
