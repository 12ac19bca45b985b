package org.crmsuite.sales.activity;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface FollowUpPlanRepository extends JpaRepository<FollowUpPlan, UUID>, JpaSpecificationExecutor<FollowUpPlan> {
}
