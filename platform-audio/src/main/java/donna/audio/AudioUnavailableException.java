package donna.audio;

/** Audio cannot work in this process at all (the native library did not load); the message says why, readably. */
public class AudioUnavailableException extends RuntimeException {
    public AudioUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
