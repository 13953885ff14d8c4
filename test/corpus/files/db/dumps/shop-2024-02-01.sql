-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)
--
-- Host: db.internal.acme-corp.net    Database: shop
-- ------------------------------------------------------
-- Server version	8.0.36

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET NAMES utf8mb4 */;

CREATE USER IF NOT EXISTS 'report'@'%' IDENTIFIED BY 'cPnQ-fCCKsa#CyP';
GRANT SELECT ON shop.* TO 'report'@'%';

DROP TABLE IF EXISTS `api_keys`;
CREATE TABLE `api_keys` (
  `id` int NOT NULL AUTO_INCREMENT,
  `user_id` int NOT NULL,
  `key_sha256` char(64) NOT NULL,
  `created_at` datetime NOT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

LOCK TABLES `api_keys` WRITE;
INSERT INTO `api_keys` VALUES (1,17,'52644a1b919ccb604ab052d78fc78d0524064be8da66a2eefe81e6929cc6fb8e','2023-11-02 08:00:00'),(2,23,'97692c150dc0835403e16ccb4cb8fc09eb33384094a921d82c6d5e00558a9fec','2023-12-24 17:45:10');
UNLOCK TABLES;

DROP TABLE IF EXISTS `integrations`;
CREATE TABLE `integrations` (
  `id` int NOT NULL AUTO_INCREMENT,
  `provider` varchar(32) NOT NULL,
  `token` text NOT NULL,
  `updated_at` datetime NOT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

LOCK TABLES `integrations` WRITE;
INSERT INTO `integrations` VALUES (1,'slack','xoxb-184126445520-2518817594790-US1A0J99kOBJFeKVFzxTKGM1','2024-01-03 10:00:00'),(2,'mailchimp','127b0c05d5926fb4a71301cba3a71170-us2','2024-01-05 09:12:44');
UNLOCK TABLES;

LOCK TABLES `settings` WRITE;
INSERT INTO `settings` VALUES ('site_name','Acme Shop'),('smtp_host','smtp.mailgun.org'),('smtp_password','UG3STZNKVy5IS0Qz0I');
UNLOCK TABLES;

LOCK TABLES `sessions` WRITE;
INSERT INTO `sessions` VALUES ('67f78f17-5f9d-417a-a2b9-0abc19c9d22b',17,'2024-01-31 23:59:59'),('cada8fff-c470-4b6e-ba10-97924cbc36ac',23,'2024-01-31 23:58:02');
UNLOCK TABLES;
