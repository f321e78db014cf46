package donna.app.actions;

/** What a turn shows below DONNA's answer: a draft, a confirmation, or a note of what she remembered. */
public sealed interface CardItem permits DraftCardViewModel, ConfirmationCardViewModel, MemoryNote {}
