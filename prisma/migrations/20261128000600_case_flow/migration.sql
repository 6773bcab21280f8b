-- The case flow as municipalities run it: staff who draft applications for the principal to sign.

-- AlterEnum
ALTER TYPE "role" ADD VALUE 'drafter';

-- A handler's proposal waiting for the head's decision; an application the principal withdrew.
ALTER TYPE "case_status" ADD VALUE 'proposed';
ALTER TYPE "case_status" ADD VALUE 'withdrawn';
