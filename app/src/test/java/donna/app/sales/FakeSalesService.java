package donna.app.sales;

import donna.core.ServiceError;
import donna.core.api.ServiceException;
import donna.core.leads.Lead;
import donna.core.leads.LeadFilter;
import donna.core.leads.LeadProposal;
import donna.core.leads.LeadScan;
import donna.core.tools.Draft;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/** Leads in memory, filtered as the service filters them; records the calls and fails on demand. */
final class FakeSalesService implements SalesService {
    final List<Lead> stored = new CopyOnWriteArrayList<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    volatile int failNext;
    private final LocalDate today;

    FakeSalesService(LocalDate today) {
        this.today = today;
    }

    FakeSalesService add(String id, String name, String company, String stage, String category,
            LocalDate followUp) {
        stored.add(new Lead(id, name, name.toLowerCase(Locale.ROOT).replace(' ', '.') + "@example.com", company,
                stage, category, category == null ? null : "because " + category, "chat", followUp, "", List.of()));
        return this;
    }

    @Override
    public List<Lead> leads(LeadFilter f) {
        calls.add("leads " + f);
        fail();
        List<Lead> out = new ArrayList<>();
        for (Lead l : stored) {
            if ((f.stage() == null || f.stage().equals(l.stage()))
                    && (f.category() == null || f.category().equals(l.category()))
                    && (f.q() == null || (l.name() + " " + l.company()).toLowerCase(Locale.ROOT)
                            .contains(f.q().toLowerCase(Locale.ROOT)))
                    && (!f.followUpDue() || l.followUpDue(today))) {
                out.add(l);
            }
        }
        return out;
    }

    @Override
    public Lead setStage(String leadId, String stage) {
        calls.add("stage " + leadId + " " + stage);
        fail();
        for (int i = 0; i < stored.size(); i++) {
            Lead l = stored.get(i);
            if (l.id().equals(leadId)) {
                Lead moved = new Lead(l.id(), l.name(), l.email(), l.company(), stage, l.category(),
                        l.categoryReason(), l.source(), l.nextFollowUp(), l.notes(), l.threads());
                stored.set(i, moved);
                return moved;
            }
        }
        throw new ServiceException(new ServiceError(404, "not_found", "No such lead", null));
    }

    private void fail() {
        if (failNext > 0) {
            failNext--;
            throw new ServiceException(new ServiceError(0, "unreachable", "down", null));
        }
    }

    // ---- "Find leads in my inbox" and a lead's detail

    /** What startScan, then each scan(id), answers in turn (the last one again when they run out). */
    final Deque<LeadScan> scans = new ArrayDeque<>();
    LeadScan lastScan;
    final List<LeadThread> threadsOf = new CopyOnWriteArrayList<>();

    static LeadScan scan(String status, int scanned, int total, LeadProposal... proposals) {
        return new LeadScan("s1", status, total + 2, scanned, total, List.of(proposals), 2, null);
    }

    static LeadProposal proposal(String name, String email, String category) {
        return new LeadProposal(name, email, "Acme", category, "asks about " + category + " things", "m-" + name,
                "t-" + name.toLowerCase(Locale.ROOT).replace(' ', '-'), "About " + name);
    }

    private LeadScan nextScan() {
        if (!scans.isEmpty()) {
            lastScan = scans.pollFirst();
        }
        return lastScan;
    }

    @Override
    public LeadScan startScan() {
        calls.add("startScan");
        fail();
        return nextScan();
    }

    @Override
    public LeadScan scan(String scanId) {
        calls.add("scan " + scanId);
        fail();
        return nextScan();
    }

    @Override
    public LeadScan cancelScan(String scanId) {
        calls.add("cancel " + scanId);
        fail();
        LeadScan s = lastScan;
        lastScan = new LeadScan(s.id(), "cancelling", s.mails(), s.scanned(), s.total(), s.proposals(), s.skipped(),
                null);
        scans.clear();
        scans.add(new LeadScan(s.id(), "cancelled", s.mails(), s.scanned(), s.total(), s.proposals(), s.skipped(),
                null));
        return lastScan;
    }

    @Override
    public List<Lead> accept(String scanId, List<String> emails) {
        calls.add("accept " + scanId + " " + emails);
        fail();
        List<Lead> out = new ArrayList<>();
        for (String email : emails) {
            LeadProposal p = lastScan.proposals().stream().filter(x -> x.email().equals(email)).findFirst()
                    .orElseThrow();
            Lead lead = new Lead("new-" + email, p.name(), p.email(), p.company(), "new", p.category(), p.reason(),
                    "mail", null, "", List.of(p.threadId()));
            stored.add(lead);
            out.add(lead);
        }
        return out;
    }

    @Override
    public Lead edit(String leadId, String notes, LocalDate nextFollowUp) {
        calls.add("edit " + leadId + " " + notes + " " + nextFollowUp);
        fail();
        for (int i = 0; i < stored.size(); i++) {
            Lead l = stored.get(i);
            if (l.id().equals(leadId)) {
                Lead saved = new Lead(l.id(), l.name(), l.email(), l.company(), l.stage(), l.category(),
                        l.categoryReason(), l.source(), nextFollowUp, notes, l.threads());
                stored.set(i, saved);
                return saved;
            }
        }
        throw new ServiceException(new ServiceError(404, "not_found", "No such lead", null));
    }

    @Override
    public List<LeadThread> threads(Lead lead) {
        calls.add("threads " + lead.id());
        fail();
        return List.copyOf(threadsOf);
    }

    @Override
    public Draft draftFollowUp(Lead lead) {
        calls.add("draftFollowUp " + lead.id());
        fail();
        return new Draft("d-" + lead.id(), List.of(lead.name() + " <" + lead.email() + ">"), List.of(),
                "Re: About " + lead.name(), "Hi " + lead.name().split(" ")[0] + ",\n\nJust following up.",
                null, lead.threads().isEmpty() ? null : lead.threads().getLast(), null, "open", Instant.now(),
                Instant.now());
    }
}
