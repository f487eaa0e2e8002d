package io.trustbaseline.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobContainerClientBuilder;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import io.trustbaseline.core.sweep.ResultsStore;

import java.util.List;
import java.util.Optional;

/**
 * The sweeps' results in a Blob Storage container: Put Blob, Get Blob and List Blobs (every page). In Azure the app's
 * identity holds Storage Blob Data Contributor on this one container (see infra/azure/main.bicep).
 */
public final class BlobResultsStore implements ResultsStore {
    private final BlobContainerClient container;

    private BlobResultsStore(BlobContainerClient container) {
        this.container = container;
    }

    /** The container at {@code containerUrl} ({@code https://<account>.blob.core.windows.net/<container>}), as the identity. */
    public static BlobResultsStore of(String containerUrl, TokenCredential identity) {
        return new BlobResultsStore(new BlobContainerClientBuilder().endpoint(containerUrl).credential(identity).buildClient());
    }

    /** The container named in the account the connection string names (Azurite locally). */
    public static BlobResultsStore connect(String connectionString, String containerName) {
        return new BlobResultsStore(new BlobContainerClientBuilder().connectionString(connectionString)
                .containerName(containerName).buildClient());
    }

    /** Creates the container when it is missing: the local emulator starts empty (the template creates it in Azure). */
    public BlobResultsStore createIfMissing() {
        container.createIfNotExists();
        return this;
    }

    /** Within {@link StorageWorkQueue#WRITE_TIMEOUT}: the queue worker records a sweep's report after a message. */
    @Override
    public void put(String key, String content) {
        String type = key.endsWith(".jsonl") ? "application/x-ndjson" : "application/json";
        StorageWorkQueue.write(() -> container.getBlobClient(key).uploadWithResponse(new BlobParallelUploadOptions(
                BinaryData.fromString(content)).setHeaders(new BlobHttpHeaders().setContentType(type)),
                StorageWorkQueue.WRITE_TIMEOUT, null));
    }

    @Override
    public Optional<String> get(String key) {
        try {
            return Optional.of(container.getBlobClient(key).downloadContent().toString());
        } catch (BlobStorageException e) {
            if (BlobErrorCode.BLOB_NOT_FOUND.equals(e.getErrorCode())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public List<String> keys(String prefix) {
        return container.listBlobs(new ListBlobsOptions().setPrefix(prefix), null).stream().map(BlobItem::getName).toList();
    }
}
