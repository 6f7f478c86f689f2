"""Production service: what members and Almalyk MMC produce against plan, and the
deep-processing share."""
