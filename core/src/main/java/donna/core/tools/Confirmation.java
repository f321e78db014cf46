package donna.core.tools;

/** The answer to the person's click on Send ({@code POST /api/actions/{id}/confirm}): the action and the mail to queue. */
public record Confirmation(PendingAction action, ConfirmedMail mail) {}
