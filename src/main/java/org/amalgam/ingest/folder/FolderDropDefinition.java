package org.amalgam.ingest.folder;

/**
 * What a person or a script says about a watched folder when saving it.
 *
 * @param path the absolute path of an existing, writable folder on the Amalgam server
 * @param type the entity type its files hold, e.g. person
 * @param mapping optional mapping JSON from columns to attributes, as for file imports
 * @param enabled whether scans take its files; null keeps the stored value (true for a new folder)
 */
public record FolderDropDefinition(String path, String type, String mapping, Boolean enabled) {}
