/**
 * The DONNA Insights SDK: an outside Java app sends its assistant's conversations to Insights
 * ({@code POST /api/v1/conversations/track}) without blocking. The JDK's HttpClient and Jackson only.
 */
module donna.sdk {
    requires transitive com.fasterxml.jackson.databind;
    requires java.net.http;

    exports donna.sdk;
}
