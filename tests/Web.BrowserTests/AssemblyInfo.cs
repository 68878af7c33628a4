// One platform and one browser for the whole assembly (BrowserPlatform); its classes run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
