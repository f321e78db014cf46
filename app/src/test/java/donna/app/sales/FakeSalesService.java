package donna.app.sales;

import donna.core.ServiceError;
import donna.core.api.ServiceException;
import donna.core.leads.Lead;
import donna.core.leads.LeadFilter;
import java.time.LocalDate;
import java.util.ArrayList;
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
}
