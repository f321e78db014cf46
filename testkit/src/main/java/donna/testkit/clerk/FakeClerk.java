package donna.testkit.clerk;

/** Placeholder replaced by the testkit work. */
final class FakeClerk {
    private FakeClerk() {}
}
