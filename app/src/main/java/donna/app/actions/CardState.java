package donna.app.actions;

/** Where a card is: waiting for the person, asking the service, then following its mail through the outbox. */
public enum CardState {
    /** The person may edit (a draft) and Send, or Cancel (a confirmation). */
    OPEN,
    /** Saving, asking to send, confirming, or writing to the outbox. */
    WORKING,
    /** In the outbox, waiting to go out (also after a failure that may pass: offline, Gmail not connected). */
    QUEUED,
    SENDING,
    SENT,
    /** The service refused the mail for good; the reason says why (retry from Mail > Outbox after fixing it). */
    FAILED,
    DISCARDED,
    CANCELLED;

    /** Sent, discarded or cancelled: nothing more will happen to this card. */
    public boolean finished() {
        return this == SENT || this == DISCARDED || this == CANCELLED;
    }

    /** The person's yes was given: the card now follows the outbox. */
    public boolean confirmed() {
        return this == QUEUED || this == SENDING || this == SENT || this == FAILED;
    }
}
