package org.dnsmesh.infra.stack;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.dnsmesh.governance.compile.KafkaAcl;
import org.dnsmesh.governance.compile.KafkaAclCompiler;

/**
 * Makes the broker's ACLs and SCRAM users match the access policy, idempotently: ACLs the policy implies are
 * created, ACLs it no longer implies are deleted, users without a credential get one. Runs as the broker's super user.
 */
public final class KafkaAccessControl {
  private static final int ITERATIONS = 4096;

  private KafkaAccessControl() {}

  /** What changed. */
  public record Sync(int created, int deleted, int usersAdded) {}

  static Sync apply(Admin admin, List<KafkaAcl> policyAcls, KafkaCredentials credentials, Collection<String> users) {
    Sync acls = applyAcls(admin, policyAcls);
    try {
      Set<String> known = new HashSet<>(admin.describeUserScramCredentials().users().get(30, TimeUnit.SECONDS));
      List<UserScramCredentialAlteration> upserts = new ArrayList<>();
      for (String user : users) {
        if (!known.contains(user)) {
          upserts.add(new UserScramCredentialUpsertion(user,
              new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS), credentials.password(user)));
        }
      }
      if (!upserts.isEmpty()) {
        admin.alterUserScramCredentials(upserts).all().get(30, TimeUnit.SECONDS);
      }
      return new Sync(acls.created(), acls.deleted(), upserts.size());
    } catch (ExecutionException e) {
      throw new StackException("Creating Kafka SCRAM users failed: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new StackException("Kafka did not answer while creating SCRAM users within 30 s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("Interrupted while creating Kafka SCRAM users");
    }
  }

  /**
   * Creates the mesh's own topics when missing, as the super user: services that start before the ACLs are applied
   * then find their topic once they are, instead of failing to create it (the broker does not auto-create).
   */
  static void ensureMeshTopics(Admin admin, int partitions) {
    List<org.apache.kafka.clients.admin.NewTopic> topics = List.of(
        new org.apache.kafka.clients.admin.NewTopic(KafkaAclCompiler.GOVERNANCE_EVENTS_TOPIC, partitions, (short) 1),
        new org.apache.kafka.clients.admin.NewTopic(KafkaAclCompiler.QUALITY_ALERTS_TOPIC, partitions, (short) 1),
        new org.apache.kafka.clients.admin.NewTopic(KafkaAclCompiler.SECURITY_ALERTS_TOPIC, partitions, (short) 1));
    try {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<org.apache.kafka.clients.admin.NewTopic> missing = topics.stream()
          .filter(topic -> !existing.contains(topic.name())).toList();
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
      }
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
        throw new StackException("Creating the mesh's Kafka topics failed: " + e.getCause().getMessage(), e.getCause());
      }
    } catch (TimeoutException e) {
      throw new StackException("Kafka did not answer while creating the mesh's topics within 30 s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("Interrupted while creating the mesh's Kafka topics");
    }
  }

  /**
   * Makes the broker's ACLs exactly the policy's (creates the missing, deletes the others); {@code admin} must be a
   * super user. Also what `mesh kafka acls --apply` runs against a cluster.
   */
  public static Sync applyAcls(Admin admin, List<KafkaAcl> policyAcls) {
    try {
      Set<AclBinding> wanted = new HashSet<>();
      policyAcls.forEach(acl -> wanted.add(binding(acl)));
      Collection<AclBinding> existing = admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS);
      List<AclBinding> create = wanted.stream().filter(b -> !existing.contains(b)).toList();
      List<AclBindingFilter> delete = existing.stream().filter(b -> !wanted.contains(b)).map(AclBinding::toFilter).toList();
      if (!create.isEmpty()) {
        admin.createAcls(create).all().get(30, TimeUnit.SECONDS);
      }
      if (!delete.isEmpty()) {
        admin.deleteAcls(delete).all().get(30, TimeUnit.SECONDS);
      }
      return new Sync(create.size(), delete.size(), 0);
    } catch (ExecutionException e) {
      throw new StackException("Applying Kafka ACLs failed: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new StackException("Kafka did not answer while applying ACLs within 30 s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("Interrupted while applying Kafka ACLs");
    }
  }

  /** True once the ACLs of {@code principal} are on the broker (readiness: clients start only after the sync). */
  static boolean hasAcls(Admin admin, String principal) throws ExecutionException, InterruptedException, TimeoutException {
    AclBindingFilter filter = new AclBindingFilter(
        new org.apache.kafka.common.resource.ResourcePatternFilter(ResourceType.ANY, null, PatternType.ANY),
        new AccessControlEntryFilter("User:" + principal, null, AclOperation.ANY, AclPermissionType.ANY));
    return !admin.describeAcls(filter).values().get(3, TimeUnit.SECONDS).isEmpty();
  }

  static AclBinding binding(KafkaAcl acl) {
    return new AclBinding(new ResourcePattern(ResourceType.valueOf(acl.resource().name()), acl.name(),
        PatternType.valueOf(acl.pattern().name())),
        new AccessControlEntry(acl.kafkaPrincipal(), "*", AclOperation.valueOf(acl.operation().name()),
            AclPermissionType.ALLOW));
  }
}
