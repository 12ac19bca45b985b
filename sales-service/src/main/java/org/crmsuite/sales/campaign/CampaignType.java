package org.crmsuite.sales.campaign;

public enum CampaignType {
    EMAIL, EVENT, WEBINAR, TRADE_SHOW, ADVERTISING, SOCIAL, OTHER
}
