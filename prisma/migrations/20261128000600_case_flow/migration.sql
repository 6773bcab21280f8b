-- The case flow as municipalities run it: staff who draft applications for the principal to sign.

-- AlterEnum
ALTER TYPE "role" ADD VALUE 'drafter';
