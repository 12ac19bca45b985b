package org.crmsuite.sales.campaign;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface CampaignRepository extends JpaRepository<Campaign, UUID>, org.springframework.data.jpa.repository.JpaSpecificationExecutor<Campaign> {
}
