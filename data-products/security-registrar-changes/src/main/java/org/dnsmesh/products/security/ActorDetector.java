package org.dnsmesh.products.security;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Detections keyed by actor (after a repartition by {@code actor_id}): (c) unlock / transfer / auth-code requests on
 * at least {@code burstDomains} distinct domains within {@code burstWindow} (once per burst); (f) a control-surface
 * change within {@code identityWindow} after the same actor's new-geo / new-ASN login or MFA reset (once per domain
 * and identity event); such an identity event also raises (c)'s confidence. The repartition interleaves the actor's
 * events from several domains in any order, so both are order-tolerant: windows are judged on event time, and a
 * change that arrives before the identity event it follows is kept (bounded) and raised when that event arrives.
 */
final class ActorDetector implements Processor<String, Enriched, String, Finding> {
  static final String ACTORS = "actor-state";
  static final int PENDING_LIMIT = 50;

  /** State of one actor. */
  public static final class ActorState {
    /** (c) recent sensitive requests: epoch ms and domain. */
    public List<Long> requestMillis = new ArrayList<>();
    public List<String> requestDomains = new ArrayList<>();
    public long latestRequestMillis = -1;
    /** Start of the window of the last burst reported (one finding per burst). */
    public long burstFiredMillis = -1;
    /** (f) identity events (epoch ms), domains already raised, and recent changes that may precede their event. */
    public List<Long> riskyIdentityMillis = new ArrayList<>();
    public Set<String> raised = new HashSet<>();
    public List<Finding> pending = new ArrayList<>();
  }

  private final DetectionSettings settings;
  private ProcessorContext<String, Finding> context;
  private KeyValueStore<String, ActorState> actors;

  ActorDetector(DetectionSettings settings) {
    this.settings = settings;
  }

  @Override
  public void init(ProcessorContext<String, Finding> context) {
    this.context = context;
    this.actors = context.getStateStore(ACTORS);
  }

  @Override
  public void process(Record<String, Enriched> record) {
    Enriched enriched = record.value();
    ChangeEvent e = enriched.event();
    boolean risky = ControlSurface.riskyIdentity(e);
    boolean sensitive = ControlSurface.sensitive(e);
    boolean control = ControlSurface.touches(e);
    if (!risky && !sensitive && !control) {
      return;
    }
    ActorState state = actors.get(record.key());
    state = state == null ? new ActorState() : state;
    long millis = e.eventTs().toEpochMilli();
    long identityWindow = settings.identityWindow().toMillis();
    if (risky) {
      state.riskyIdentityMillis.add(millis);
      state.riskyIdentityMillis.removeIf(t -> t < millis - 2 * identityWindow);
      // changes that arrived before this identity event but happened within T after it
      for (Finding candidate : List.copyOf(state.pending)) {
        long t = candidate.eventTsMillis();
        if (t >= millis && t - millis <= identityWindow && state.raised.add(millis + "|" + candidate.domain())) {
          state.pending.remove(candidate);
          context.forward(new Record<>(candidate.caseKey(), candidate, record.timestamp()));
        }
      }
    }
    Long identity = state.riskyIdentityMillis.stream().filter(t -> millis >= t && millis - t <= identityWindow)
        .max(Long::compare).orElse(null);
    if (control) {
      Finding correlated = Finding.of(Rule.IDENTITY_CORRELATED_CHANGE, enriched, 0.85, e.eventType()
          + (e.recordType() == null ? "" : " " + e.recordType()) + " within " + settings.identityWindow()
          + " of a new-geo/new-ASN login or MFA reset by the same actor");
      if (identity != null) {
        if (state.raised.add(identity + "|" + e.domain())) {
          emit(record, correlated);
        }
      } else {
        state.pending.add(correlated);
        state.pending.removeIf(f -> f.eventTsMillis() < millis - identityWindow);
        while (state.pending.size() > PENDING_LIMIT) {
          state.pending.removeFirst();
        }
      }
    }
    if (sensitive) {
      long window = settings.burstWindow().toMillis();
      state.requestMillis.add(millis);
      state.requestDomains.add(e.domain());
      state.latestRequestMillis = Math.max(state.latestRequestMillis, millis);
      for (int i = state.requestMillis.size() - 1; i >= 0; i--) {
        if (state.requestMillis.get(i) < state.latestRequestMillis - 2 * window) {
          state.requestMillis.remove(i);
          state.requestDomains.remove(i);
        }
      }
      long burstStart = burstStartContaining(state, millis, window);
      boolean newBurst = state.burstFiredMillis < 0 || Math.abs(burstStart - state.burstFiredMillis) > window;
      if (burstStart >= 0 && newBurst) {
        state.burstFiredMillis = burstStart;
        emit(record, Finding.of(Rule.MASS_SENSITIVE_REQUESTS, enriched, identity != null ? 0.95 : 0.7,
            "unlock/transfer/auth-code requests on " + settings.burstDomains() + "+ domains within "
                + settings.burstWindow() + " by one actor" + (identity != null ? ", after a risky login or MFA reset"
                : "")));
      }
    }
    actors.put(record.key(), state);
  }

  /**
   * The earliest start of a {@code window} that holds the event at {@code millis} and requests on at least
   * {@code burstDomains} distinct domains, or -1. Only windows holding the new event can have become a burst with it,
   * and they are judged on every request kept, earlier or later in event time: the repartition by actor delivers an
   * actor's requests from several domains in any order, and the verdict must not depend on that order.
   */
  private long burstStartContaining(ActorState state, long millis, long window) {
    long best = -1;
    for (long start : state.requestMillis) {
      if (start > millis || millis - start > window || (best >= 0 && start >= best)) {
        continue;
      }
      Set<String> distinct = new HashSet<>();
      for (int i = 0; i < state.requestMillis.size(); i++) {
        long t = state.requestMillis.get(i);
        if (t >= start && t - start <= window) {
          distinct.add(state.requestDomains.get(i));
        }
      }
      if (distinct.size() >= settings.burstDomains()) {
        best = start;
      }
    }
    return best;
  }

  private void emit(Record<String, Enriched> record, Finding finding) {
    context.forward(new Record<>(finding.caseKey(), finding, record.timestamp()));
  }
}
