package donna.app.mail.cli;

import donna.backend.db.DatabaseInUseException;
import donna.core.api.ServiceException;
import donna.core.mail.local.MailStoreException;
import donna.core.oauth.OAuthFlowException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One line a person at a terminal can act on; the details go to the log (DONNA_LOG_LEVEL=DEBUG shows them). */
final class CommandErrors {
    private static final Logger log = LoggerFactory.getLogger(CommandErrors.class);

    private CommandErrors() {}

    static String message(Throwable failure) {
        log.debug("Mail command failed", failure);
        return switch (failure) {
            case ServiceException se -> switch (se.error().code()) {
                case "gmail_not_connected" -> "Gmail is not connected. Run ./donna mail connect first.";
                case "gmail_needs_reconnect" -> "Gmail needs to be connected again. Run ./donna mail connect.";
                case "unreachable" -> "The DONNA service could not be reached.";
                default -> se.error().message() != null && !se.error().message().isBlank() ? se.error().message()
                        : "The service failed (" + se.error().code() + ").";
            };
            case OAuthFlowException oauth -> oauth.getMessage();
            case DatabaseInUseException inUse -> "The DONNA app is running on this data folder. Quit it first, or "
                    + "point DONNA_BACKEND_URL at a running service.";
            case MailStoreException store -> store.getMessage() + " (" + store.getCause().getMessage() + ")";
            default -> "Unexpected failure (" + failure.getClass().getSimpleName()
                    + "). Run with DONNA_LOG_LEVEL=DEBUG for details.";
        };
    }
}
