// All repositories over one Prisma client (or one open transaction).
import type { Repositories } from '../../domain/ports';
import type { PrismaClient } from '../generated/client';
import { createAttachmentRepository } from './attachments';
import { createAuditRepository } from './audit';
import { createCaseRepository } from './cases';
import { createChannelPostRepository } from './channel-posts';
import { createCompletionRepository } from './completions';
import { createConversationRepository } from './conversations';
import { createDecisionDocumentRepository } from './decision-documents';
import { createDecisionRepository } from './decisions';
import { createFollowUpRepository } from './follow-ups';
import { createMunicipalityRepository } from './municipalities';
import { createPeopleRepository } from './people';
import { createProfileVersionRepository } from './profile-versions';
import { createReminderRepository, createRetentionRepository } from './reminders';
import { createProposalRepository } from './proposals';
import { type Db, inTransaction } from './shared';
import { createSnapshotRepository } from './snapshots';
import { createUnitRepository } from './units';

export function createRepositories(prisma: PrismaClient): Repositories {
  return bind(prisma);
}

function bind(db: Db): Repositories {
  return {
    municipalities: createMunicipalityRepository(db),
    people: createPeopleRepository(db),
    units: createUnitRepository(db),
    snapshots: createSnapshotRepository(db),
    cases: createCaseRepository(db),
    decisions: createDecisionRepository(db),
    decisionDocuments: createDecisionDocumentRepository(db),
    followUps: createFollowUpRepository(db),
    attachments: createAttachmentRepository(db),
    conversations: createConversationRepository(db),
    channelPosts: createChannelPostRepository(db),
    completions: createCompletionRepository(db),
    proposals: createProposalRepository(db),
    audit: createAuditRepository(db),
    reminders: createReminderRepository(db),
    retention: createRetentionRepository(db),
    profileVersions: createProfileVersionRepository(db),
    // Inside a transaction this joins it: Prisma has no nested transactions.
    transaction: (work) => inTransaction(db, (tx) => work(bind(tx))),
  };
}
