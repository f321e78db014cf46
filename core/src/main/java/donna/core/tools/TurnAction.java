package donna.core.tools;

import com.fasterxml.jackson.databind.JsonNode;

/** What a turn produced for the person ({@code metadata.actions} of a chat reply): each becomes a card or a note. */
public sealed interface TurnAction {

    /** DONNA wrote a draft: an editable card. */
    record DraftReady(Draft draft) implements TurnAction {}

    /** A send waits for the person's yes: Send / Cancel. */
    record ConfirmationNeeded(PendingAction action) implements TurnAction {}

    /** The person's yes was relayed in this turn: the mail goes into the outbox (once, keyed on the draft id). */
    record SendConfirmed(PendingAction action, ConfirmedMail mail) implements TurnAction {}

    /** DONNA remembered something. */
    record MemorySaved(String key, JsonNode value) implements TurnAction {}
}
