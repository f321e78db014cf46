package donna.testkit.clerk;

/** The user the fake's OAuth flow signs in (a user who is already signed in to Clerk in the browser). */
public record ClerkUser(String id, String email, String firstName, String lastName) {
    public static final ClerkUser DEFAULT = new ClerkUser("user_1", "ada@example.com", "Ada", "Lovelace");

    public String fullName() {
        return firstName + " " + lastName;
    }
}
