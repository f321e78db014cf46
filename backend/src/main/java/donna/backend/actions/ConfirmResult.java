package donna.backend.actions;

/** A carried-out action and the mail it released. */
public record ConfirmResult(PendingAction action, OutboxMail mail) {}
