export interface paths {
    "/oauth/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Get a bearer token (client credentials grant) */
        post: operations["getAccessToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List accounts */
        get: operations["listAccounts"];
        put?: never;
        /** Create an account */
        post: operations["createAccount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/accounts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an account */
        get: operations["getAccount"];
        /** Update an account */
        put: operations["updateAccount"];
        post?: never;
        /** Delete an account and everything it owns */
        delete: operations["deleteAccount"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/clients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List API clients, oldest first, revoked ones included (never a secret); Total-Records and Total-Pages headers */
        get: operations["listApiClients"];
        put?: never;
        /** Create an API client; the reply carries its secret, shown this once */
        post: operations["createApiClient"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/clients/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API client: its secret and every bearer token it was given stop working at once, on every node */
        delete: operations["revokeApiClient"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/clients/{id}/secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Make a new client secret (shown this once); the old one keeps working for the overlap, then stops */
        post: operations["rotateApiClientSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/accounts/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Get a sign-in token for the account in X-Cyclr-Account
         * @description A single-use sign-in token for a browser acting for this account (the OAuth popup). It lasts five minutes.
         */
        post: operations["createSignInToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/accounts/{id}/signintoken": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Get a sign-in token for an account
         * @description A single-use sign-in token for a browser acting for this account (the OAuth popup). It lasts five minutes.
         */
        post: operations["createAccountSignInToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/connectors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the connector catalogue */
        get: operations["listConnectors"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/connectors/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a connector by Id or Name */
        get: operations["getConnector"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/connectors/{id}/icon": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A connector's icon (SVG), for anyone
         * @description Public, unlike the rest of the catalogue: an <img> in a page cannot send a bearer token, and icons are not secret. The URL is the Icon of the connector replies. Cached for a day; send the ETag back in If-None-Match for a 304.
         */
        get: operations["getConnectorIcon"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/connectors/{id}/methods": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a connector's methods */
        get: operations["listConnectorMethods"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/connectors/{id}/install": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Install a connector into the account
         * @description AuthValue: the API key; base64 of username:password for Basic; for OAuth 2.0, the JSON string {"AccessToken","RefreshToken","Expires","RefreshExpires"}.
         */
        post: operations["installConnector"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/connectors/{id}/setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a connector's partner setup
         * @description The partner's values for the connector's partner properties (Client ID, Client Secret, URLs...). Sensitive values are never returned, only masked. A value left blank is asked of each account at install (AskedAtInstall). CallbackUrl is the redirect URL to register with an OAuth provider.
         */
        get: operations["getConnectorSetup"];
        /**
         * Set a connector's partner setup
         * @description The partner's values for the connector's partner properties (Client ID, Client Secret, URLs...). Sensitive values are never returned, only masked. A value left blank is asked of each account at install (AskedAtInstall). CallbackUrl is the redirect URL to register with an OAuth provider. Only the properties named are changed.
         */
        put: operations["updateConnectorSetup"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the cycle templates */
        get: operations["listTemplates"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/templates/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a cycle template, its steps summarised */
        get: operations["getTemplate"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/templates/{id}/install": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Install a template into the account: a new cycle (Paused) on the account's installs of its connectors
         * @description Each connector the template uses is the account’s install of it (an authenticated one first, then the oldest), or a new unauthenticated install named after the connector. A step on an object (a Caspio table) is bound to the install’s custom category for it, made when missing; until its install is authenticated it waits, and the prerequisites list it (code 20).
         */
        post: operations["installTemplate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/account/connectors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the account's installed connectors */
        get: operations["listAccountConnectors"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/account/connectors/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an installed connector */
        get: operations["getAccountConnector"];
        /** Rename, describe or re-authenticate (AuthValue) an installed connector */
        put: operations["updateAccountConnector"];
        post?: never;
        /** Uninstall a connector */
        delete: operations["deleteAccountConnector"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/account/connectors/{id}/deauthenticate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Forget the credential of an installed connector */
        put: operations["deauthenticateAccountConnector"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/account/connectors/{id}/properties": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List properties */
        get: operations["listAccountConnectorProperties"];
        put?: never;
        /** Set a property */
        post: operations["createAccountConnectorProperty"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/account/connectors/{id}/properties/{propertyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a property */
        get: operations["getAccountConnectorProperty"];
        /** Change a property */
        put: operations["updateAccountConnectorProperty"];
        post?: never;
        /** Remove a property */
        delete: operations["deleteAccountConnectorProperty"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/account/credentials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the account's credentials */
        get: operations["listCredentials"];
        put?: never;
        /**
         * Add a credential
         * @description A key or password is tried with the connector's test method first (400 PB_ERR_AUTHENTICATION_FAILED when refused; kept unverified when the provider cannot be reached). An authorization-code credential without AuthValue answers AuthorizationStatus AwaitingAuthorization: open /connectorauth/updateaccountconnectoroauth?credentialId= to authorize it.
         */
        post: operations["createCredential"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/account/credentials/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a credential */
        get: operations["getCredential"];
        /** Rename, describe or replace the secret of a credential (every install using it sees the change) */
        put: operations["updateCredential"];
        post?: never;
        /** Delete a credential no install uses (409 otherwise) */
        delete: operations["deleteCredential"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/account/credentials/{id}/probe": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check a credential with its connector's test method; records VerifiedStatus and VerifiedAt */
        post: operations["probeCredential"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/account/credentials/{id}/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The account connectors using a credential */
        get: operations["getCredentialUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/account/connectors/{id}/categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An installed connector's categories, which can be copied for an object, and the copies made */
        get: operations["listAccountConnectorCategories"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/account/connectors/{id}/categories/{categoryId}/objects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The objects a customisable category can be copied for (e.g. the tables) */
        get: operations["listCategoryObjects"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/account/connectors/{id}/categories/{categoryId}/custom": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Copy a customisable category for one object */
        post: operations["createCustomCategory"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/account/connectors/{id}/categories/{categoryId}/custom/{customId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a custom category */
        get: operations["getCustomCategory"];
        put?: never;
        post?: never;
        /** Delete a custom category */
        delete: operations["deleteCustomCategory"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/account/connectors/{id}/categories/{categoryId}/custom/{customId}/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Read the object's fields again */
        post: operations["refreshCustomCategory"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/account/connectors/{id}/methods": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List an installed connector's methods, its custom categories' copies included */
        get: operations["listAccountConnectorMethods"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/account/connectors/{id}/methods/{method}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Call a connector method (query string as Parameters)
         * @description Builds the third party's request from the method definition, adds the credential and returns the data (the part of the response the method names). Paginated methods set X-Patchbay-Next-Parameters when more pages exist; with AllPages every page is read (X-Patchbay-Pages, X-Patchbay-Truncated when the cap was reached). Third-party errors answer 502 with Upstream {Status, Body}; a 429 is retried after Retry-After, within bounds. Query parameters become Parameters; allPages=true reads every page.
         */
        get: operations["callMethodWithQuery"];
        put?: never;
        /**
         * Call a connector method
         * @description Builds the third party's request from the method definition, adds the credential and returns the data (the part of the response the method names). Paginated methods set X-Patchbay-Next-Parameters when more pages exist; with AllPages every page is read (X-Patchbay-Pages, X-Patchbay-Truncated when the cap was reached). Third-party errors answer 502 with Upstream {Status, Body}; a 429 is retried after Retry-After, within bounds.
         */
        post: operations["callMethod"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/cycles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the account's cycles */
        get: operations["listCycles"];
        put?: never;
        /** Create a blank cycle (Paused) */
        post: operations["createCycle"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/cycles/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a cycle */
        get: operations["getCycle"];
        /** Change a cycle's settings (409 while it is active) */
        put: operations["updateCycle"];
        post?: never;
        /** Delete a cycle with its steps, edges, mappings, variables and transactions (409 while it is active) */
        delete: operations["deleteCycle"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/cycles/{id}/prerequisites": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What keeps the cycle from being activated; empty when nothing does */
        get: operations["listCyclePrerequisites"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/cycles/{id}/activate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Activate a cycle; refused (409 PB_ERR_CYCLE_PREREQUISITES) with the prerequisites it lacks */
        put: operations["activateCycle"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/cycles/{id}/deactivate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Pause a cycle, so that it can be changed */
        put: operations["deactivateCycle"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/cycles/{id}/variables": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a cycle's variables (sensitive values masked) */
        get: operations["listCycleVariables"];
        put?: never;
        /** Add a variable */
        post: operations["createCycleVariable"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/cycles/{id}/variables/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a variable */
        get: operations["getCycleVariable"];
        /** Change a variable */
        put: operations["updateCycleVariable"];
        post?: never;
        /** Remove a variable */
        delete: operations["deleteCycleVariable"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/cycles/{id}/run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run the cycle once now, whatever its status: one transaction per trigger item (409 with its prerequisites if it cannot) */
        post: operations["runCycle"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/cycles/{id}/transactions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the cycle's transactions, newest first */
        get: operations["listCycleTransactions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/transactions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a transaction with every step run */
        get: operations["getTransaction"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/transactions/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send an Errored or Uncertain transaction’s failed step again and go on from there (409 otherwise) */
        post: operations["retryTransaction"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/transactions/{id}/dismiss": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End an Errored or Uncertain transaction without retrying it: it is Stopped (409 otherwise) */
        post: operations["dismissTransaction"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/cycles/incidents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the account's cycle incidents, newest first */
        get: operations["listCycleIncidents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/cycles/incidents/error": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the account's Error incidents, newest first */
        get: operations["listCycleErrorIncidents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/cycles/incidents/warning": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the account's Warning incidents, newest first */
        get: operations["listCycleWarningIncidents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/cycles/{id}/steps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a cycle's steps */
        get: operations["listCycleSteps"];
        put?: never;
        /** Add a step: a Method of an installed connector, a Webhook trigger, a Decision, Delay, Wait Until, Synchronous Response or Stop */
        post: operations["createCycleStep"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/steps/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a step */
        get: operations["getCycleStep"];
        /** Change a step (another method clears its mappings) */
        put: operations["updateCycleStep"];
        post?: never;
        /** Remove a step with its edges and mappings, and the mappings that read it */
        delete: operations["deleteCycleStep"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/steps/{id}/fieldsformapping": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The steps before this one, each with the typed fields of its output */
        get: operations["listStepFieldsForMapping"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/cycles/{id}/edges": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a cycle's edges */
        get: operations["listCycleEdges"];
        put?: never;
        /** Connect two steps of the cycle (no loops; True/False only out of a Decision) */
        post: operations["createCycleEdge"];
        /** Remove the edge between two steps */
        delete: operations["deleteCycleEdgeBetween"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/cycles/{id}/edges/{edgeId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove an edge */
        delete: operations["deleteCycleEdge"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/steps/{id}/parameters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every parameter (sent in the URL or headers) of the step's method, each with its mapping or null */
        get: operations["listStepParameters"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/steps/{id}/parameters/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One parameter (sent in the URL or headers) with its mapping */
        get: operations["getStepParameter"];
        /** Map a parameter (sent in the URL or headers): a static value, an earlier step's field, a variable, a JSONata expression, or Ignore */
        put: operations["setStepParameter"];
        post?: never;
        /** Clear the mapping of a parameter (sent in the URL or headers) */
        delete: operations["clearStepParameter"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/steps/{id}/fieldmappings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every field (of the request body) of the step's method, each with its mapping or null */
        get: operations["listStepFieldMappings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/steps/{id}/fieldmappings/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One field (of the request body) with its mapping */
        get: operations["getStepFieldMapping"];
        /** Map a field (of the request body): a static value, an earlier step's field, a variable, a JSONata expression, or Ignore */
        put: operations["setStepFieldMapping"];
        post?: never;
        /** Clear the mapping of a field (of the request body) */
        delete: operations["clearStepFieldMapping"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/connectorauth/updateaccountconnectoroauth": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Start authenticating an account connector, or authorizing a credential, with OAuth (open in a popup)
         * @description Consumes the sign-in token, checks the account connector (id) or credential (credentialId) and targetOrigin, and redirects the browser to the provider's consent page. The outcome is posted to the opener (callbackMessage) or the browser is redirected to targetOrigin.
         */
        get: operations["startOAuth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/web/connector/updateaccountconnectoroauth": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Start authenticating an account connector, or authorizing a credential, with OAuth (open in a popup)
         * @description Consumes the sign-in token, checks the account connector (id) or credential (credentialId) and targetOrigin, and redirects the browser to the provider's consent page. The outcome is posted to the opener (callbackMessage) or the browser is redirected to targetOrigin.
         */
        get: operations["startOAuthWeb"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/connector/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The OAuth provider's redirect back (register this URL with the provider) */
        get: operations["oauthCallback"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List webhooks */
        get: operations["listWebhooks"];
        put?: never;
        /** Register a webhook; the reply carries its signing secret, shown this once */
        post: operations["createWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a webhook */
        get: operations["getWebhook"];
        /** Change the URL, events, description, or turn a webhook off and on */
        put: operations["updateWebhook"];
        post?: never;
        /** Delete a webhook and its delivery log */
        delete: operations["deleteWebhook"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/webhooks/{id}/secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Make a new signing secret (shown this once); the old one stops signing at once */
        post: operations["rotateWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/webhooks/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a Webhook.Test event to this webhook; follow it in the delivery log */
        post: operations["testWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The delivery log, newest first */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/webhooks/{id}/deliveries/{deliveryId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One delivery */
        get: operations["getWebhookDelivery"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/webhooks/{id}/deliveries/{deliveryId}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a delivery again, with a fresh round of retries */
        post: operations["redeliverWebhookDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mcp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * MCP over Streamable HTTP: the account’s connected apps as tools
         * @description JSON-RPC (initialize, tools/list, tools/call) as the Model Context Protocol defines it. The account is the one a restricted token is for, or the X-Cyclr-Account header. Query options: tools (name globs, also the X-Patchbay-Tools header), connector (one account connector), readOnly=true, mode=search (search_tools and call_tool only). Bodies over 1 MB answer 413.
         */
        post: operations["mcp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/account/signinwithtoken": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Open the end user's connect page with a sign-in token
         * @description Uses the token up, sets the session cookie and redirects to /account/connect.
         */
        get: operations["openConnectPage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/account/connect/api/apps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The connect page's brand and the account's apps (session cookie) */
        get: operations["listConnectPageApps"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/account/connect/api/apps/{id}/popup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Where the popup starts an app's OAuth flow (session cookie) */
        post: operations["startConnectPagePopup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/account/connect/api/apps/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Connect an app with a key, or a username and password (session cookie) */
        put: operations["connectConnectPageApp"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webhook/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Deliver a payload to a Webhook trigger: 202 with the transaction once it is stored (a repeated Idempotency-Key, or the header the step's IdempotencyHeader names: the same transaction), or, with a Synchronous Response step, what that step answers */
        put: operations["deliverWebhookPut"];
        /** Deliver a payload to a Webhook trigger: 202 with the transaction once it is stored (a repeated Idempotency-Key, or the header the step's IdempotencyHeader names: the same transaction), or, with a Synchronous Response step, what that step answers */
        post: operations["deliverWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/account/connectors/{id}/proxy/{path}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Raw proxy to the connector's API, credential added */
        get: operations["proxyGet"];
        /** Raw proxy to the connector's API, credential added */
        put: operations["proxyPut"];
        /** Raw proxy to the connector's API, credential added */
        post: operations["proxyPost"];
        /** Raw proxy to the connector's API, credential added */
        delete: operations["proxyDelete"];
        /** Raw proxy to the connector's API, credential added */
        options: operations["proxyOptions"];
        /** Raw proxy to the connector's API, credential added */
        head: operations["proxyHead"];
        /** Raw proxy to the connector's API, credential added */
        patch: operations["proxyPatch"];
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        ErrorReply: {
            Message: string;
            Code: string;
            Upstream?: {
                Status: number;
                Body: unknown;
            };
            /** @description PB_ERR_CYCLE_PREREQUISITES: what keeps the cycle from being activated */
            Prerequisites?: {
                ReasonCode: number;
                Reason: string;
                ObjectType: string;
                ObjectId: string;
                StepId: number | null;
                FieldName: string | null;
            }[];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getAccessToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    grant_type: string;
                    client_id?: string;
                    client_secret?: string;
                    scope?: string;
                };
                "application/json": {
                    grant_type: string;
                    client_id?: string;
                    client_secret?: string;
                    scope?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        token_type: string;
                        access_token: string;
                        expires_in: number;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    listAccounts: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Id: string;
                        Name: string;
                        Description: string | null;
                        Timezone: string | null;
                        CreatedDate: string;
                    }[];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    createAccount: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    Id?: string;
                    Name: string;
                    Description?: string | null;
                    Timezone?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Id: string;
                        Name: string;
                        Description: string | null;
                        Timezone: string | null;
                        CreatedDate: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    getAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Id: string;
                        Name: string;
                        Description: string | null;
                        Timezone: string | null;
                        CreatedDate: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    updateAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    Name?: string;
                    Description?: string | null;
                    Timezone?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Id: string;
                        Name: string;
                        Description: string | null;
                        Timezone: string | null;
                        CreatedDate: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    deleteAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    listApiClients: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ClientId: string;
                        Name: string;
                        CreatedDate: string;
                        RevokedDate: string | null;
                        /** @description Masked: the secret is shown whole only when made (null for clients made before hints were kept) */
                        SecretHint: string | null;
                    }[];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    createApiClient: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    Name: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ClientId: string;
                        Name: string;
                        CreatedDate: string;
                        RevokedDate: string | null;
                        /** @description Masked: the secret is shown whole only when made (null for clients made before hints were kept) */
                        SecretHint: string | null;
                        /** @description The client secret, shown this once: keep it */
                        ClientSecret: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    revokeApiClient: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    rotateApiClientSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ClientId: string;
                        Name: string;
                        CreatedDate: string;
                        RevokedDate: string | null;
                        /** @description Masked: the secret is shown whole only when made (null for clients made before hints were kept) */
                        SecretHint: string | null;
                        /** @description The client secret, shown this once: keep it */
                        ClientSecret: string;
                        /** @description The secret replaced is accepted until then (PATCHBAY_CLIENT_SECRET_OVERLAP_SECONDS) */
                        PreviousSecretValidUntil: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    createSignInToken: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Token: string;
                        ExpiresAtUtc: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    createAccountSignInToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    Username?: string | null;
                } | null;
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Token: string;
                        ExpiresAtUtc: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    listConnectors: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                query?: string;
                category?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Id: number;
                        Name: string;
                        Description: string;
                        Status: string;
                        Version: string;
                        /** @description The absolute URL of the connector's icon (an SVG anyone may fetch); '' when it has none */
                        Icon: string;
                        AuthDescription: string;
                        AuthType: string;
                        OAuth2Type: string;
                        AuthScheme: string | null;
                        Categories: {
                            Id: string;
                            Name: string;
                            Description: string;
                            IsCustomisable: boolean;
                        }[];
                        Parameters: {
                            Id: number;
                            Name: string;
                            DisplayName: string;
                            Description: string;
                            IsOptional: boolean;
                            IsSensitive: boolean;
                            IsAccountConnectorProperty: boolean;
                            TargetType: string;
                            TargetName: string;
                            DataType: string;
                            Values: string[];
                        }[];
                        Authentication: {
                            Id: string;
                            AuthName: string;
                            AuthDescription: string;
                            AuthType: string;
                            OAuth2Type: string;
                            AuthScheme: string | null;
                        }[];
                    }[];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    getConnector: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Connector Id or Name */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Id: number;
                        Name: string;
                        Description: string;
                        Status: string;
                        Version: string;
                        /** @description The absolute URL of the connector's icon (an SVG anyone may fetch); '' when it has none */
                        Icon: string;
                        AuthDescription: string;
                        AuthType: string;
                        OAuth2Type: string;
                        AuthScheme: string | null;
                        Categories: {
                            Id: string;
                            Name: string;
                            Description: string;
                            IsCustomisable: boolean;
                        }[];
                        Parameters: {
                            Id: number;
                            Name: string;
                            DisplayName: string;
                            Description: string;
                            IsOptional: boolean;
                            IsSensitive: boolean;
                            IsAccountConnectorProperty: boolean;
                            TargetType: string;
                            TargetName: string;
                            DataType: string;
                            Values: string[];
                        }[];
                        Authentication: {
                            Id: string;
                            AuthName: string;
                            AuthDescription: string;
                            AuthType: string;
                            OAuth2Type: string;
                            AuthScheme: string | null;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    getConnectorIcon: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Connector Id or Name */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The icon */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/svg+xml": string;
                };
            };
            /** @description Not modified: the ETag in If-None-Match is the current one */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    listConnectorMethods: {
        parameters: {
            query?: {
                query?: string;
                category?: string;
            };
            header?: never;
            path: {
                /** @description Connector Id or Name */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Id: string;
                        Name: string;
                        Description: string;
                        Category: string;
                        HttpMethod: string;
                        EndPoint: string;
                        MethodUniqueIdentifier: string;
                        Paginated: boolean;
                        Parameters: {
                            Name: string;
                            Location: string;
                            DataType: string;
                            IsOptional: boolean;
                            Description: string;
                        }[];
                        Fields: {
                            Name: string;
                            DataType: string;
                            IsOptional: boolean;
                            IsReadOnly: boolean;
                            Description: string;
                        }[];
                        /** @description What the method answers, as the connector file declares it from the provider's documentation */
                        Output: {
                            /** @description List: the data is an array of items; Item: one value; Nothing: no content */
                            Kind: "List" | "Item" | "Nothing";
                            /** @description JSON Schema of one item (of the list, or the item); null for Nothing */
                            Schema: {
                                [key: string]: unknown;
                            } | null;
                        };
                        /** @description The item's fields, flattened: what a field mapping can pick from this method's answer */
                        OutputFields: {
                            /** @description Dotted path in one item; [] marks each element of a list, e.g. emails[].value */
                            Field: string;
                            DataType: string;
                            IsNullable: boolean;
                            Format: string | null;
                            Description: string;
                        }[];
                    }[];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    installConnector: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                /** @description Connector Id or Name */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    Name: string;
                    Description?: string | null;
                    AuthenticationId?: string;
                    /** @description Use this credential of the account instead of an AuthValue */
                    CredentialId?: number;
                    AuthValue?: string;
                    Properties?: {
                        Name: string;
                        Value: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Id: number;
                        Name: string;
                        Description: string | null;
                        /** @description Masked: never the whole secret */
                        AuthValue: string | null;
                        Authenticated: boolean;
                        AuthenticationError: string | null;
                        /** @description Verified or Failed: the last check of the credential with the provider; null when it has not been checked */
                        VerifiedStatus: string | null;
                        /** @description Why the last check failed, or why there could be none */
                        VerifiedMessage: string | null;
                        /** @description The credential it uses; several installs may share one */
                        CredentialId: number | null;
                        CreatedDate: string;
                        Connector: {
                            Id: number;
                            Name: string;
                            Description: string;
                            Status: string;
                            Version: string;
                            /** @description The absolute URL of the connector's icon (an SVG anyone may fetch); '' when it has none */
                            Icon: string;
                            AuthDescription: string;
                            AuthType: string;
                            OAuth2Type: string;
                            AuthScheme: string | null;
                            Categories: {
                                Id: string;
                                Name: string;
                                Description: string;
                                IsCustomisable: boolean;
                            }[];
                            Parameters: {
                                Id: number;
                                Name: string;
                                DisplayName: string;
                                Description: string;
                                IsOptional: boolean;
                                IsSensitive: boolean;
                                IsAccountConnectorProperty: boolean;
                                TargetType: string;
                                TargetName: string;
                                DataType: string;
                                Values: string[];
                            }[];
                            Authentication: {
                                Id: string;
                                AuthName: string;
                                AuthDescription: string;
                                AuthType: string;
                                OAuth2Type: string;
                                AuthScheme: string | null;
                            }[];
                        } | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    getConnectorSetup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Connector Id or Name */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ConnectorId: number;
                        ConnectorName: string;
                        SetupRequired: boolean;
                        CallbackUrl: string | null;
                        AskedAtInstall: string[];
                        UpdatedDate: string | null;
                        Properties: {
                            Name: string;
                            DisplayName: string;
                            Description: string | null;
                            IsSensitive: boolean;
                            IsOptional: boolean;
                            Default: string | null;
                            Choices: {
                                Value: string;
                                Label: string;
                            }[] | null;
                            IsSet: boolean;
                            Value: string | null;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    updateConnectorSetup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Connector Id or Name */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    Properties: {
                        Name: string;
                        /** @description Blank or null clears the value */
                        Value: string | null;
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ConnectorId: number;
                        ConnectorName: string;
                        SetupRequired: boolean;
                        CallbackUrl: string | null;
                        AskedAtInstall: string[];
                        UpdatedDate: string | null;
                        Properties: {
                            Name: string;
                            DisplayName: string;
                            Description: string | null;
                            IsSensitive: boolean;
                            IsOptional: boolean;
                            Default: string | null;
                            Choices: {
                                Value: string;
                                Label: string;
                            }[] | null;
                            IsSet: boolean;
                            Value: string | null;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    listTemplates: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                /** @description Only templates with a step of this connector (its Name in any case, or its Slug) */
                connectorName?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A GUID, stable across releases */
                        Id: string;
                        Name: string;
                        Description: string;
                        Connectors: {
                            Id: number;
                            Name: string;
                            Version: string;
                            /** @description How many of the template steps use the connector */
                            StepCount: number;
                            /** @description The absolute URL of the connector's icon; '' when it has none */
                            Icon: string;
                        }[];
                    }[];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    getTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Template Id (a GUID) or Slug */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A GUID, stable across releases */
                        Id: string;
                        Name: string;
                        Description: string;
                        Connectors: {
                            Id: number;
                            Name: string;
                            Version: string;
                            /** @description How many of the template steps use the connector */
                            StepCount: number;
                            /** @description The absolute URL of the connector's icon; '' when it has none */
                            Icon: string;
                        }[];
                        Slug: string;
                        Version: string;
                        StepErrorAction: string;
                        CollectionSplitType: string;
                        Variables: {
                            Name: string;
                            DisplayName: string;
                            Sensitive: boolean;
                        }[];
                        Steps: {
                            Key: string;
                            Name: string;
                            /** @description Method, Webhook, Decision, Delay, WaitUntil, SynchronousResponse or Stop */
                            ActionType: string;
                            ConnectorId: number | null;
                            ConnectorName: string | null;
                            /** @description Method steps: the method's readable Id */
                            MethodId: string | null;
                            MethodName: string | null;
                            /** @description The object of a customisable category the method works on (a Caspio table) */
                            Object: string | null;
                            /** @description The parameters the template maps */
                            Parameters: string[];
                            /** @description The fields the template maps */
                            Fields: string[];
                        }[];
                        Edges: {
                            From: string;
                            To: string;
                            EdgeType: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    installTemplate: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                /** @description Template Id (a GUID) or Slug */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The cycle's name (default: the template's) */
                    Name?: string;
                    /** @description The cycle's description (default: the template's) */
                    Description?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Id: number;
                        Name: string;
                        Description: string | null;
                        /**
                         * @description What a step error does: Ignore, Retry (the default), StopTransaction or StopCycle
                         * @enum {unknown}
                         */
                        StepErrorAction: "Ignore" | "Retry" | "StopTransaction" | "StopCycle";
                        /**
                         * @description First (default): one transaction per item of the trigger's list; All, None: one
                         * @enum {unknown}
                         */
                        CollectionSplitType: "First" | "All" | "None";
                        /** @description Keep each step's request and response (secrets masked) */
                        LogStepDataRequests: boolean;
                        /** @description How long step data of successful transactions is kept (default 744, 31 days) */
                        StepDataSuccessRetentionHours: number;
                        /** @description How long step data of errored transactions is kept (default 744, 31 days) */
                        StepDataErroredRetentionHours: number;
                        /** @enum {unknown} */
                        Status: "Paused" | "Active" | "Stopped";
                        TemplateId: string | null;
                        /** @description From when an active cycle runs */
                        StartTime: string | null;
                        /** @description Minutes between polls of an active cycle */
                        Interval: number | null;
                        RunOnce: boolean;
                        CreatedOnUtc: string;
                        LastSuccessfulRunDate: string | null;
                        ErrorCount: number;
                        WarningCount: number;
                        InProgressTransactionCount: number;
                        /** @description The account connectors its steps use */
                        Connectors: {
                            /** @description The connector's id */
                            Id: number;
                            AccountConnectorId: number;
                            Name: string;
                            Version: string;
                            Authenticated: boolean;
                            StepCount: number;
                            Icon: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    listAccountConnectors: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
            };
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Id: number;
                        Name: string;
                        Description: string | null;
                        /** @description Masked: never the whole secret */
                        AuthValue: string | null;
                        Authenticated: boolean;
                        AuthenticationError: string | null;
                        /** @description Verified or Failed: the last check of the credential with the provider; null when it has not been checked */
                        VerifiedStatus: string | null;
                        /** @description Why the last check failed, or why there could be none */
                        VerifiedMessage: string | null;
                        /** @description The credential it uses; several installs may share one */
                        CredentialId: number | null;
                        CreatedDate: string;
                        Connector: {
                            Id: number;
                            Name: string;
                            Description: string;
                            Status: string;
                            Version: string;
                            /** @description The absolute URL of the connector's icon (an SVG anyone may fetch); '' when it has none */
                            Icon: string;
                            AuthDescription: string;
                            AuthType: string;
                            OAuth2Type: string;
                            AuthScheme: string | null;
                            Categories: {
                                Id: string;
                                Name: string;
                                Description: string;
                                IsCustomisable: boolean;
                            }[];
                            Parameters: {
                                Id: number;
                                Name: string;
                                DisplayName: string;
                                Description: string;
                                IsOptional: boolean;
                                IsSensitive: boolean;
                                IsAccountConnectorProperty: boolean;
                                TargetType: string;
                                TargetName: string;
                                DataType: string;
                                Values: string[];
                            }[];
                            Authentication: {
                                Id: string;
                                AuthName: string;
                                AuthDescription: string;
                                AuthType: string;
                                OAuth2Type: string;
                                AuthScheme: string | null;
                            }[];
                        } | null;
                    }[];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    getAccountConnector: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Id: number;
                        Name: string;
                        Description: string | null;
                        /** @description Masked: never the whole secret */
                        AuthValue: string | null;
                        Authenticated: boolean;
                        AuthenticationError: string | null;
                        /** @description Verified or Failed: the last check of the credential with the provider; null when it has not been checked */
                        VerifiedStatus: string | null;
                        /** @description Why the last check failed, or why there could be none */
                        VerifiedMessage: string | null;
                        /** @description The credential it uses; several installs may share one */
                        CredentialId: number | null;
                        CreatedDate: string;
                        Connector: {
                            Id: number;
                            Name: string;
                            Description: string;
                            Status: string;
                            Version: string;
                            /** @description The absolute URL of the connector's icon (an SVG anyone may fetch); '' when it has none */
                            Icon: string;
                            AuthDescription: string;
                            AuthType: string;
                            OAuth2Type: string;
                            AuthScheme: string | null;
                            Categories: {
                                Id: string;
                                Name: string;
                                Description: string;
                                IsCustomisable: boolean;
                            }[];
                            Parameters: {
                                Id: number;
                                Name: string;
                                DisplayName: string;
                                Description: string;
                                IsOptional: boolean;
                                IsSensitive: boolean;
                                IsAccountConnectorProperty: boolean;
                                TargetType: string;
                                TargetName: string;
                                DataType: string;
                                Values: string[];
                            }[];
                            Authentication: {
                                Id: string;
                                AuthName: string;
                                AuthDescription: string;
                                AuthType: string;
                                OAuth2Type: string;
                                AuthScheme: string | null;
                            }[];
                        } | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    updateAccountConnector: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    Name?: string;
                    Description?: string | null;
                    AuthValue?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Id: number;
                        Name: string;
                        Description: string | null;
                        /** @description Masked: never the whole secret */
                        AuthValue: string | null;
                        Authenticated: boolean;
                        AuthenticationError: string | null;
                        /** @description Verified or Failed: the last check of the credential with the provider; null when it has not been checked */
                        VerifiedStatus: string | null;
                        /** @description Why the last check failed, or why there could be none */
                        VerifiedMessage: string | null;
                        /** @description The credential it uses; several installs may share one */
                        CredentialId: number | null;
                        CreatedDate: string;
                        Connector: {
                            Id: number;
                            Name: string;
                            Description: string;
                            Status: string;
                            Version: string;
                            /** @description The absolute URL of the connector's icon (an SVG anyone may fetch); '' when it has none */
                            Icon: string;
                            AuthDescription: string;
                            AuthType: string;
                            OAuth2Type: string;
                            AuthScheme: string | null;
                            Categories: {
                                Id: string;
                                Name: string;
                                Description: string;
                                IsCustomisable: boolean;
                            }[];
                            Parameters: {
                                Id: number;
                                Name: string;
                                DisplayName: string;
                                Description: string;
                                IsOptional: boolean;
                                IsSensitive: boolean;
                                IsAccountConnectorProperty: boolean;
                                TargetType: string;
                                TargetName: string;
                                DataType: string;
                                Values: string[];
                            }[];
                            Authentication: {
                                Id: string;
                                AuthName: string;
                                AuthDescription: string;
                                AuthType: string;
                                OAuth2Type: string;
                                AuthScheme: string | null;
                            }[];
                        } | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    deleteAccountConnector: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    deauthenticateAccountConnector: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Message: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    listAccountConnectorProperties: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Id: number;
                        Name: string;
                        Value: string;
                        AccountConnectorId: number;
                    }[];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    createAccountConnectorProperty: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    Name: string;
                    Value: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Id: number;
                        Name: string;
                        Value: string;
                        AccountConnectorId: number;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    getAccountConnectorProperty: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
                propertyId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Id: number;
                        Name: string;
                        Value: string;
                        AccountConnectorId: number;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    updateAccountConnectorProperty: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
                propertyId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    Name: string;
                    Value: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Id: number;
                        Name: string;
                        Value: string;
                        AccountConnectorId: number;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    deleteAccountConnectorProperty: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
                propertyId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    listCredentials: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
            };
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Id: number;
                        Name: string;
                        Description: string | null;
                        ConnectorId: number | null;
                        ConnectorName: string | null;
                        AuthType: string;
                        /** @description Masked: never the whole secret */
                        AuthValue: string | null;
                        Properties: {
                            Name: string;
                            /** @description Masked when sensitive */
                            Value: string;
                        }[];
                        /** @description Made on its own (kept when its installs go), not by an install */
                        Standalone: boolean;
                        UsageCount: number;
                        /** @description Verified or Failed, from the last probe */
                        VerifiedStatus: string | null;
                        VerifiedAt: string | null;
                        VerifiedMessage: string | null;
                        AuthorizationStatus: ("AwaitingAuthorization" | "Authorized" | "Failed") | (never | null);
                        /** @description Why the last authorization (or refresh) failed; cleared when a token is stored */
                        AuthorizationError: string | null;
                        CreatedDate: string;
                        UpdatedDate: string;
                    }[];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    createCredential: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    Name: string;
                    Description?: string | null;
                    /** @description Connector Id or Name */
                    Connector: string;
                    /** @description As at install: API key, base64 user:password, or token JSON */
                    AuthValue?: string;
                    /** @description Values that belong to the authentication, e.g. Caspio's AccountSubdomain, ClientId and ClientSecret (its token is then fetched), or an authorization-code connector's own app (ClientId, ClientSecret) and Scope, each overriding the partner's setup for this credential alone. Such a credential is then authorized in the consent popup (credentialId=) */
                    Properties?: {
                        Name: string;
                        Value: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Id: number;
                        Name: string;
                        Description: string | null;
                        ConnectorId: number | null;
                        ConnectorName: string | null;
                        AuthType: string;
                        /** @description Masked: never the whole secret */
                        AuthValue: string | null;
                        Properties: {
                            Name: string;
                            /** @description Masked when sensitive */
                            Value: string;
                        }[];
                        /** @description Made on its own (kept when its installs go), not by an install */
                        Standalone: boolean;
                        UsageCount: number;
                        /** @description Verified or Failed, from the last probe */
                        VerifiedStatus: string | null;
                        VerifiedAt: string | null;
                        VerifiedMessage: string | null;
                        AuthorizationStatus: ("AwaitingAuthorization" | "Authorized" | "Failed") | (never | null);
                        /** @description Why the last authorization (or refresh) failed; cleared when a token is stored */
                        AuthorizationError: string | null;
                        CreatedDate: string;
                        UpdatedDate: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    getCredential: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Id: number;
                        Name: string;
                        Description: string | null;
                        ConnectorId: number | null;
                        ConnectorName: string | null;
                        AuthType: string;
                        /** @description Masked: never the whole secret */
                        AuthValue: string | null;
                        Properties: {
                            Name: string;
                            /** @description Masked when sensitive */
                            Value: string;
                        }[];
                        /** @description Made on its own (kept when its installs go), not by an install */
                        Standalone: boolean;
                        UsageCount: number;
                        /** @description Verified or Failed, from the last probe */
                        VerifiedStatus: string | null;
                        VerifiedAt: string | null;
                        VerifiedMessage: string | null;
                        AuthorizationStatus: ("AwaitingAuthorization" | "Authorized" | "Failed") | (never | null);
                        /** @description Why the last authorization (or refresh) failed; cleared when a token is stored */
                        AuthorizationError: string | null;
                        CreatedDate: string;
                        UpdatedDate: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    updateCredential: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    Name?: string;
                    Description?: string | null;
                    /** @description As at install: API key, base64 user:password, or token JSON */
                    AuthValue?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Id: number;
                        Name: string;
                        Description: string | null;
                        ConnectorId: number | null;
                        ConnectorName: string | null;
                        AuthType: string;
                        /** @description Masked: never the whole secret */
                        AuthValue: string | null;
                        Properties: {
                            Name: string;
                            /** @description Masked when sensitive */
                            Value: string;
                        }[];
                        /** @description Made on its own (kept when its installs go), not by an install */
                        Standalone: boolean;
                        UsageCount: number;
                        /** @description Verified or Failed, from the last probe */
                        VerifiedStatus: string | null;
                        VerifiedAt: string | null;
                        VerifiedMessage: string | null;
                        AuthorizationStatus: ("AwaitingAuthorization" | "Authorized" | "Failed") | (never | null);
                        /** @description Why the last authorization (or refresh) failed; cleared when a token is stored */
                        AuthorizationError: string | null;
                        CreatedDate: string;
                        UpdatedDate: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    deleteCredential: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    probeCredential: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        VerifiedStatus: string;
                        VerifiedAt: string;
                        Message: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    getCredentialUsage: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Id: number;
                        Name: string;
                    }[];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    listAccountConnectorCategories: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Id: string;
                        Name: string;
                        Description: string | null;
                        IsCustomisable: boolean;
                        Methods: {
                            Id: string;
                            MethodUniqueIdentifier: string;
                            Name: string;
                        }[];
                        CustomCategories: {
                            Id: number;
                            CategoryId: string;
                            Name: string;
                            ObjectName: string;
                            IsCustom: boolean;
                            Fields: {
                                Name: string;
                                DataType: string;
                                ProviderType: string | null;
                                Optional: boolean;
                                ReadOnly: boolean;
                            }[];
                            FieldsRefreshedAt: string;
                            Methods: {
                                Id: string;
                                MethodUniqueIdentifier: string;
                                Name: string;
                            }[];
                            CreatedDate: string;
                        }[];
                    }[];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    listCategoryObjects: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
                categoryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Name: string;
                    }[];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    createCustomCategory: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
                categoryId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    ObjectName: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Id: number;
                        CategoryId: string;
                        Name: string;
                        ObjectName: string;
                        IsCustom: boolean;
                        Fields: {
                            Name: string;
                            DataType: string;
                            ProviderType: string | null;
                            Optional: boolean;
                            ReadOnly: boolean;
                        }[];
                        FieldsRefreshedAt: string;
                        Methods: {
                            Id: string;
                            MethodUniqueIdentifier: string;
                            Name: string;
                        }[];
                        CreatedDate: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    getCustomCategory: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
                categoryId: string;
                customId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Id: number;
                        CategoryId: string;
                        Name: string;
                        ObjectName: string;
                        IsCustom: boolean;
                        Fields: {
                            Name: string;
                            DataType: string;
                            ProviderType: string | null;
                            Optional: boolean;
                            ReadOnly: boolean;
                        }[];
                        FieldsRefreshedAt: string;
                        Methods: {
                            Id: string;
                            MethodUniqueIdentifier: string;
                            Name: string;
                        }[];
                        CreatedDate: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    deleteCustomCategory: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
                categoryId: string;
                customId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    refreshCustomCategory: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
                categoryId: string;
                customId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Id: number;
                        CategoryId: string;
                        Name: string;
                        ObjectName: string;
                        IsCustom: boolean;
                        Fields: {
                            Name: string;
                            DataType: string;
                            ProviderType: string | null;
                            Optional: boolean;
                            ReadOnly: boolean;
                        }[];
                        FieldsRefreshedAt: string;
                        Methods: {
                            Id: string;
                            MethodUniqueIdentifier: string;
                            Name: string;
                        }[];
                        CreatedDate: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    listAccountConnectorMethods: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Id: string;
                        Name: string;
                        Description: string;
                        Category: string;
                        HttpMethod: string;
                        EndPoint: string;
                        MethodUniqueIdentifier: string;
                        Paginated: boolean;
                        Parameters: {
                            Name: string;
                            Location: string;
                            DataType: string;
                            IsOptional: boolean;
                            Description: string;
                        }[];
                        Fields: {
                            Name: string;
                            DataType: string;
                            IsOptional: boolean;
                            IsReadOnly: boolean;
                            Description: string;
                        }[];
                        /** @description What the method answers, as the connector file declares it from the provider's documentation */
                        Output: {
                            /** @description List: the data is an array of items; Item: one value; Nothing: no content */
                            Kind: "List" | "Item" | "Nothing";
                            /** @description JSON Schema of one item (of the list, or the item); null for Nothing */
                            Schema: {
                                [key: string]: unknown;
                            } | null;
                        };
                        /** @description The item's fields, flattened: what a field mapping can pick from this method's answer */
                        OutputFields: {
                            /** @description Dotted path in one item; [] marks each element of a list, e.g. emails[].value */
                            Field: string;
                            DataType: string;
                            IsNullable: boolean;
                            Format: string | null;
                            Description: string;
                        }[];
                    }[];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    callMethodWithQuery: {
        parameters: {
            query?: {
                /** @description The method's Parameters by name, and allPages=true to read every page */
                Parameters?: {
                    [key: string]: string;
                };
            };
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
                /** @description MethodUniqueIdentifier or method Id */
                method: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description The data the method names (none for a 204) */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
        };
    };
    callMethod: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
                /** @description MethodUniqueIdentifier or method Id */
                method: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    Parameters?: {
                        [key: string]: unknown;
                    };
                    Fields?: {
                        [key: string]: unknown;
                    };
                    /** @description Follow pagination and return every item, up to the page cap */
                    AllPages?: boolean;
                } | null;
            };
        };
        responses: {
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description The data the method names (none for a 204) */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
        };
    };
    listCycles: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
            };
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Id: number;
                        Name: string;
                        Description: string | null;
                        /**
                         * @description What a step error does: Ignore, Retry (the default), StopTransaction or StopCycle
                         * @enum {unknown}
                         */
                        StepErrorAction: "Ignore" | "Retry" | "StopTransaction" | "StopCycle";
                        /**
                         * @description First (default): one transaction per item of the trigger's list; All, None: one
                         * @enum {unknown}
                         */
                        CollectionSplitType: "First" | "All" | "None";
                        /** @description Keep each step's request and response (secrets masked) */
                        LogStepDataRequests: boolean;
                        /** @description How long step data of successful transactions is kept (default 744, 31 days) */
                        StepDataSuccessRetentionHours: number;
                        /** @description How long step data of errored transactions is kept (default 744, 31 days) */
                        StepDataErroredRetentionHours: number;
                        /** @enum {unknown} */
                        Status: "Paused" | "Active" | "Stopped";
                        TemplateId: string | null;
                        /** @description From when an active cycle runs */
                        StartTime: string | null;
                        /** @description Minutes between polls of an active cycle */
                        Interval: number | null;
                        RunOnce: boolean;
                        CreatedOnUtc: string;
                        LastSuccessfulRunDate: string | null;
                        ErrorCount: number;
                        WarningCount: number;
                        InProgressTransactionCount: number;
                        /** @description The account connectors its steps use */
                        Connectors: {
                            /** @description The connector's id */
                            Id: number;
                            AccountConnectorId: number;
                            Name: string;
                            Version: string;
                            Authenticated: boolean;
                            StepCount: number;
                            Icon: string;
                        }[];
                    }[];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    createCycle: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    Name: string;
                    Description?: string | null;
                    /**
                     * @description What a step error does: Ignore, Retry (the default), StopTransaction or StopCycle
                     * @enum {unknown}
                     */
                    StepErrorAction?: "Ignore" | "Retry" | "StopTransaction" | "StopCycle";
                    /**
                     * @description First (default): one transaction per item of the trigger's list; All, None: one
                     * @enum {unknown}
                     */
                    CollectionSplitType?: "First" | "All" | "None";
                    /** @description Keep each step's request and response (secrets masked) */
                    LogStepDataRequests?: boolean;
                    /** @description How long step data of successful transactions is kept (default 744, 31 days) */
                    StepDataSuccessRetentionHours?: number;
                    /** @description How long step data of errored transactions is kept (default 744, 31 days) */
                    StepDataErroredRetentionHours?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Id: number;
                        Name: string;
                        Description: string | null;
                        /**
                         * @description What a step error does: Ignore, Retry (the default), StopTransaction or StopCycle
                         * @enum {unknown}
                         */
                        StepErrorAction: "Ignore" | "Retry" | "StopTransaction" | "StopCycle";
                        /**
                         * @description First (default): one transaction per item of the trigger's list; All, None: one
                         * @enum {unknown}
                         */
                        CollectionSplitType: "First" | "All" | "None";
                        /** @description Keep each step's request and response (secrets masked) */
                        LogStepDataRequests: boolean;
                        /** @description How long step data of successful transactions is kept (default 744, 31 days) */
                        StepDataSuccessRetentionHours: number;
                        /** @description How long step data of errored transactions is kept (default 744, 31 days) */
                        StepDataErroredRetentionHours: number;
                        /** @enum {unknown} */
                        Status: "Paused" | "Active" | "Stopped";
                        TemplateId: string | null;
                        /** @description From when an active cycle runs */
                        StartTime: string | null;
                        /** @description Minutes between polls of an active cycle */
                        Interval: number | null;
                        RunOnce: boolean;
                        CreatedOnUtc: string;
                        LastSuccessfulRunDate: string | null;
                        ErrorCount: number;
                        WarningCount: number;
                        InProgressTransactionCount: number;
                        /** @description The account connectors its steps use */
                        Connectors: {
                            /** @description The connector's id */
                            Id: number;
                            AccountConnectorId: number;
                            Name: string;
                            Version: string;
                            Authenticated: boolean;
                            StepCount: number;
                            Icon: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    getCycle: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Id: number;
                        Name: string;
                        Description: string | null;
                        /**
                         * @description What a step error does: Ignore, Retry (the default), StopTransaction or StopCycle
                         * @enum {unknown}
                         */
                        StepErrorAction: "Ignore" | "Retry" | "StopTransaction" | "StopCycle";
                        /**
                         * @description First (default): one transaction per item of the trigger's list; All, None: one
                         * @enum {unknown}
                         */
                        CollectionSplitType: "First" | "All" | "None";
                        /** @description Keep each step's request and response (secrets masked) */
                        LogStepDataRequests: boolean;
                        /** @description How long step data of successful transactions is kept (default 744, 31 days) */
                        StepDataSuccessRetentionHours: number;
                        /** @description How long step data of errored transactions is kept (default 744, 31 days) */
                        StepDataErroredRetentionHours: number;
                        /** @enum {unknown} */
                        Status: "Paused" | "Active" | "Stopped";
                        TemplateId: string | null;
                        /** @description From when an active cycle runs */
                        StartTime: string | null;
                        /** @description Minutes between polls of an active cycle */
                        Interval: number | null;
                        RunOnce: boolean;
                        CreatedOnUtc: string;
                        LastSuccessfulRunDate: string | null;
                        ErrorCount: number;
                        WarningCount: number;
                        InProgressTransactionCount: number;
                        /** @description The account connectors its steps use */
                        Connectors: {
                            /** @description The connector's id */
                            Id: number;
                            AccountConnectorId: number;
                            Name: string;
                            Version: string;
                            Authenticated: boolean;
                            StepCount: number;
                            Icon: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    updateCycle: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    Name?: string;
                    Description?: string | null;
                    /**
                     * @description What a step error does: Ignore, Retry (the default), StopTransaction or StopCycle
                     * @enum {unknown}
                     */
                    StepErrorAction?: "Ignore" | "Retry" | "StopTransaction" | "StopCycle";
                    /**
                     * @description First (default): one transaction per item of the trigger's list; All, None: one
                     * @enum {unknown}
                     */
                    CollectionSplitType?: "First" | "All" | "None";
                    /** @description Keep each step's request and response (secrets masked) */
                    LogStepDataRequests?: boolean;
                    /** @description How long step data of successful transactions is kept (default 744, 31 days) */
                    StepDataSuccessRetentionHours?: number;
                    /** @description How long step data of errored transactions is kept (default 744, 31 days) */
                    StepDataErroredRetentionHours?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Id: number;
                        Name: string;
                        Description: string | null;
                        /**
                         * @description What a step error does: Ignore, Retry (the default), StopTransaction or StopCycle
                         * @enum {unknown}
                         */
                        StepErrorAction: "Ignore" | "Retry" | "StopTransaction" | "StopCycle";
                        /**
                         * @description First (default): one transaction per item of the trigger's list; All, None: one
                         * @enum {unknown}
                         */
                        CollectionSplitType: "First" | "All" | "None";
                        /** @description Keep each step's request and response (secrets masked) */
                        LogStepDataRequests: boolean;
                        /** @description How long step data of successful transactions is kept (default 744, 31 days) */
                        StepDataSuccessRetentionHours: number;
                        /** @description How long step data of errored transactions is kept (default 744, 31 days) */
                        StepDataErroredRetentionHours: number;
                        /** @enum {unknown} */
                        Status: "Paused" | "Active" | "Stopped";
                        TemplateId: string | null;
                        /** @description From when an active cycle runs */
                        StartTime: string | null;
                        /** @description Minutes between polls of an active cycle */
                        Interval: number | null;
                        RunOnce: boolean;
                        CreatedOnUtc: string;
                        LastSuccessfulRunDate: string | null;
                        ErrorCount: number;
                        WarningCount: number;
                        InProgressTransactionCount: number;
                        /** @description The account connectors its steps use */
                        Connectors: {
                            /** @description The connector's id */
                            Id: number;
                            AccountConnectorId: number;
                            Name: string;
                            Version: string;
                            Authenticated: boolean;
                            StepCount: number;
                            Icon: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    deleteCycle: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    listCyclePrerequisites: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description 10, 11, 20, 30, 31, 32, 33, 40, 41, 50 or 51 */
                        ReasonCode: number;
                        Reason: string;
                        /** @description Cycle, Step, AccountConnector, StepParameter or StepField */
                        ObjectType: string;
                        ObjectId: string;
                        StepId: number | null;
                        /** @description The parameter or field at fault */
                        FieldName: string | null;
                    }[];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    activateCycle: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description From when it runs, ISO 8601 with a zone (default: now) */
                    StartTime?: string;
                    /** @description Minutes between polls, one of 1, 5, 15, 30, 60, 120, 180, 240, 360, 480, 720, 1440, 10080; ignored for webhook-triggered or RunOnce cycles */
                    Interval?: number;
                    RunOnce?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Id: number;
                        Name: string;
                        Description: string | null;
                        /**
                         * @description What a step error does: Ignore, Retry (the default), StopTransaction or StopCycle
                         * @enum {unknown}
                         */
                        StepErrorAction: "Ignore" | "Retry" | "StopTransaction" | "StopCycle";
                        /**
                         * @description First (default): one transaction per item of the trigger's list; All, None: one
                         * @enum {unknown}
                         */
                        CollectionSplitType: "First" | "All" | "None";
                        /** @description Keep each step's request and response (secrets masked) */
                        LogStepDataRequests: boolean;
                        /** @description How long step data of successful transactions is kept (default 744, 31 days) */
                        StepDataSuccessRetentionHours: number;
                        /** @description How long step data of errored transactions is kept (default 744, 31 days) */
                        StepDataErroredRetentionHours: number;
                        /** @enum {unknown} */
                        Status: "Paused" | "Active" | "Stopped";
                        TemplateId: string | null;
                        /** @description From when an active cycle runs */
                        StartTime: string | null;
                        /** @description Minutes between polls of an active cycle */
                        Interval: number | null;
                        RunOnce: boolean;
                        CreatedOnUtc: string;
                        LastSuccessfulRunDate: string | null;
                        ErrorCount: number;
                        WarningCount: number;
                        InProgressTransactionCount: number;
                        /** @description The account connectors its steps use */
                        Connectors: {
                            /** @description The connector's id */
                            Id: number;
                            AccountConnectorId: number;
                            Name: string;
                            Version: string;
                            Authenticated: boolean;
                            StepCount: number;
                            Icon: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    deactivateCycle: {
        parameters: {
            query?: {
                /** @description true (default): queued and waiting transactions finish; false: they are held until the cycle is activated again, and stopped if it stays deactivated for 24 hours */
                finishQueuedTransactions?: boolean;
            };
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Id: number;
                        Name: string;
                        Description: string | null;
                        /**
                         * @description What a step error does: Ignore, Retry (the default), StopTransaction or StopCycle
                         * @enum {unknown}
                         */
                        StepErrorAction: "Ignore" | "Retry" | "StopTransaction" | "StopCycle";
                        /**
                         * @description First (default): one transaction per item of the trigger's list; All, None: one
                         * @enum {unknown}
                         */
                        CollectionSplitType: "First" | "All" | "None";
                        /** @description Keep each step's request and response (secrets masked) */
                        LogStepDataRequests: boolean;
                        /** @description How long step data of successful transactions is kept (default 744, 31 days) */
                        StepDataSuccessRetentionHours: number;
                        /** @description How long step data of errored transactions is kept (default 744, 31 days) */
                        StepDataErroredRetentionHours: number;
                        /** @enum {unknown} */
                        Status: "Paused" | "Active" | "Stopped";
                        TemplateId: string | null;
                        /** @description From when an active cycle runs */
                        StartTime: string | null;
                        /** @description Minutes between polls of an active cycle */
                        Interval: number | null;
                        RunOnce: boolean;
                        CreatedOnUtc: string;
                        LastSuccessfulRunDate: string | null;
                        ErrorCount: number;
                        WarningCount: number;
                        InProgressTransactionCount: number;
                        /** @description The account connectors its steps use */
                        Connectors: {
                            /** @description The connector's id */
                            Id: number;
                            AccountConnectorId: number;
                            Name: string;
                            Version: string;
                            Authenticated: boolean;
                            StepCount: number;
                            Icon: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    listCycleVariables: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Name: string;
                        DisplayName: string;
                        /** @description Masked when sensitive */
                        Value: string;
                        Sensitive: boolean;
                    }[];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    createCycleVariable: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    Name: string;
                    DisplayName?: string;
                    Value: string;
                    /** @description Sealed at rest and shown masked */
                    Sensitive?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Name: string;
                        DisplayName: string;
                        /** @description Masked when sensitive */
                        Value: string;
                        Sensitive: boolean;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    getCycleVariable: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Name: string;
                        DisplayName: string;
                        /** @description Masked when sensitive */
                        Value: string;
                        Sensitive: boolean;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    updateCycleVariable: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    DisplayName?: string;
                    Value?: string;
                    Sensitive?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Name: string;
                        DisplayName: string;
                        /** @description Masked when sensitive */
                        Value: string;
                        Sensitive: boolean;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    deleteCycleVariable: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    runCycle: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        /** @description A Webhook trigger's payload; a Method trigger is called instead */
        requestBody: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Transactions: {
                            /** Format: uuid */
                            Id: string;
                            /** @enum {unknown} */
                            Status: "Queued" | "Running" | "Waiting" | "Success" | "Errored" | "Uncertain" | "Stopped";
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    listCycleTransactions: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                status?: "Queued" | "Running" | "Waiting" | "Success" | "Errored" | "Uncertain" | "Stopped";
                /** @description Created at or after this instant */
                after?: string;
                /** @description Created before this instant */
                before?: string;
            };
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        Id: string;
                        CycleId: number;
                        /**
                         * @description Queued, Running, Waiting (a delay, a retry or a 429 wait), Success, Errored, Uncertain or Stopped
                         * @enum {unknown}
                         */
                        Status: "Queued" | "Running" | "Waiting" | "Success" | "Errored" | "Uncertain" | "Stopped";
                        Message: string | null;
                        /** Format: date-time */
                        CreatedOnUtc: string;
                        /** Format: date-time */
                        StartedOnUtc: string | null;
                        /** Format: date-time */
                        CompletedOnUtc: string | null;
                    }[];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    getTransaction: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        Id: string;
                        CycleId: number;
                        /**
                         * @description Queued, Running, Waiting (a delay, a retry or a 429 wait), Success, Errored, Uncertain or Stopped
                         * @enum {unknown}
                         */
                        Status: "Queued" | "Running" | "Waiting" | "Success" | "Errored" | "Uncertain" | "Stopped";
                        Message: string | null;
                        /** Format: date-time */
                        CreatedOnUtc: string;
                        /** Format: date-time */
                        StartedOnUtc: string | null;
                        /** Format: date-time */
                        CompletedOnUtc: string | null;
                        Steps: {
                            StepId: number;
                            StepName: string;
                            /** @enum {unknown} */
                            Status: "Running" | "Success" | "Errored" | "Waiting" | "Uncertain";
                            Attempt: number;
                            /** Format: date-time */
                            StartedOnUtc: string;
                            /** Format: date-time */
                            CompletedOnUtc: string | null;
                            /** @description Why the step errored, waits or is uncertain */
                            Message: string | null;
                            /** @description With LogStepDataRequests: what was sent, secrets masked */
                            Request?: unknown;
                            /** @description With LogStepDataRequests: what came back, secrets masked */
                            Response?: unknown;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    retryTransaction: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        Id: string;
                        /** @enum {unknown} */
                        Status: "Queued" | "Running" | "Waiting" | "Success" | "Errored" | "Uncertain" | "Stopped";
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    dismissTransaction: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        Id: string;
                        /** @enum {unknown} */
                        Status: "Queued" | "Running" | "Waiting" | "Success" | "Errored" | "Uncertain" | "Stopped";
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    listCycleIncidents: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                /** @description Raised at or after this instant */
                after?: string;
                /** @description Raised before this instant */
                before?: string;
            };
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Id: number;
                        CycleId: number;
                        CycleName: string;
                        /**
                         * @description Error: a transaction stopped (errored or uncertain) or the cycle was stopped; Warning: the cycle was paused
                         * @enum {unknown}
                         */
                        IncidentLevel: "Error" | "Warning";
                        ShortMessage: string;
                        FullMessage: string;
                        StepId: number | null;
                        StepName: string | null;
                        /** Format: uuid */
                        TransactionId: string | null;
                        /** Format: date-time */
                        CreatedOnUtc: string;
                    }[];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    listCycleErrorIncidents: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                /** @description Raised at or after this instant */
                after?: string;
                /** @description Raised before this instant */
                before?: string;
            };
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Id: number;
                        CycleId: number;
                        CycleName: string;
                        /**
                         * @description Error: a transaction stopped (errored or uncertain) or the cycle was stopped; Warning: the cycle was paused
                         * @enum {unknown}
                         */
                        IncidentLevel: "Error" | "Warning";
                        ShortMessage: string;
                        FullMessage: string;
                        StepId: number | null;
                        StepName: string | null;
                        /** Format: uuid */
                        TransactionId: string | null;
                        /** Format: date-time */
                        CreatedOnUtc: string;
                    }[];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    listCycleWarningIncidents: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                /** @description Raised at or after this instant */
                after?: string;
                /** @description Raised before this instant */
                before?: string;
            };
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Id: number;
                        CycleId: number;
                        CycleName: string;
                        /**
                         * @description Error: a transaction stopped (errored or uncertain) or the cycle was stopped; Warning: the cycle was paused
                         * @enum {unknown}
                         */
                        IncidentLevel: "Error" | "Warning";
                        ShortMessage: string;
                        FullMessage: string;
                        StepId: number | null;
                        StepName: string | null;
                        /** Format: uuid */
                        TransactionId: string | null;
                        /** Format: date-time */
                        CreatedOnUtc: string;
                    }[];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    listCycleSteps: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Id: number;
                        CycleId: number;
                        Key: string;
                        Name: string;
                        /** @enum {unknown} */
                        ActionType: "Method" | "Webhook" | "Decision" | "Delay" | "WaitUntil" | "SynchronousResponse" | "Stop";
                        AccountConnectorId: number | null;
                        MethodId: string | null;
                        MethodUniqueIdentifier: string | null;
                        StepErrorAction: ("Ignore" | "Retry" | "StopTransaction" | "StopCycle") | (never | null);
                        Decision: {
                            /** @description Where a value comes from at run time */
                            Left: {
                                /** @enum {unknown} */
                                MappingType: "StaticValue" | "ValueList" | "StepField" | "Variable" | "Expression" | "Ignore";
                                /** @description StaticValue/ValueList: the value; Expression: a JSONata expression */
                                Value?: unknown;
                                /** @description StepField: an earlier step */
                                SourceStepId?: number;
                                /** @description StepField: a dotted path in that step's output item, e.g. owner.id */
                                SourceFieldId?: string;
                                /** @description Variable: its name */
                                VariableName?: string;
                            };
                            /** @enum {unknown} */
                            Condition: "Equals" | "NotEquals" | "Contains" | "GreaterThan" | "LessThan" | "Exists" | "NotExists";
                            /** @description Where a value comes from at run time */
                            Right: {
                                /** @enum {unknown} */
                                MappingType: "StaticValue" | "ValueList" | "StepField" | "Variable" | "Expression" | "Ignore";
                                /** @description StaticValue/ValueList: the value; Expression: a JSONata expression */
                                Value?: unknown;
                                /** @description StepField: an earlier step */
                                SourceStepId?: number;
                                /** @description StepField: a dotted path in that step's output item, e.g. owner.id */
                                SourceFieldId?: string;
                                /** @description Variable: its name */
                                VariableName?: string;
                            } | null;
                        } | null;
                        DelaySeconds: number | null;
                        /** @description Where a value comes from at run time */
                        WaitUntil: {
                            /** @enum {unknown} */
                            MappingType: "StaticValue" | "ValueList" | "StepField" | "Variable" | "Expression" | "Ignore";
                            /** @description StaticValue/ValueList: the value; Expression: a JSONata expression */
                            Value?: unknown;
                            /** @description StepField: an earlier step */
                            SourceStepId?: number;
                            /** @description StepField: a dotted path in that step's output item, e.g. owner.id */
                            SourceFieldId?: string;
                            /** @description Variable: its name */
                            VariableName?: string;
                        } | null;
                        /** @description What a synchronous webhook is answered */
                        Response: {
                            Status: number;
                            /** @description Where a value comes from at run time */
                            Body: {
                                /** @enum {unknown} */
                                MappingType: "StaticValue" | "ValueList" | "StepField" | "Variable" | "Expression" | "Ignore";
                                /** @description StaticValue/ValueList: the value; Expression: a JSONata expression */
                                Value?: unknown;
                                /** @description StepField: an earlier step */
                                SourceStepId?: number;
                                /** @description StepField: a dotted path in that step's output item, e.g. owner.id */
                                SourceFieldId?: string;
                                /** @description Variable: its name */
                                VariableName?: string;
                            };
                        } | null;
                        /** @description Webhook steps: the URL that starts a transaction */
                        WebhookUrl: string | null;
                        /** @description Webhook steps: an example body whose fields the mapping pickers offer */
                        SamplePayload: unknown;
                        /** @description Webhook steps: the request header whose value makes a repeated delivery one transaction, e.g. a provider's delivery id (null: Idempotency-Key) */
                        IdempotencyHeader: string | null;
                        /** @description Installed from a template before its connector was authenticated: the object (a Caspio table) whose custom category the step is bound to once it is (prerequisite 20 until then) */
                        PendingObject: string | null;
                    }[];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    createCycleStep: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    Name: string;
                    /** @enum {unknown} */
                    ActionType: "Method" | "Webhook" | "Decision" | "Delay" | "WaitUntil" | "SynchronousResponse" | "Stop";
                    /** @description Unique in the cycle; Expressions name the step by it (default step_{Id}) */
                    Key?: string;
                    AccountConnectorId?: number;
                    /** @description Method steps: a method id (list-records@3 for a custom category) or MethodUniqueIdentifier */
                    MethodId?: string;
                    StepErrorAction?: ("Ignore" | "Retry" | "StopTransaction" | "StopCycle") | (never | null);
                    /** @description The left operand, a condition, and the right operand (none for Exists and NotExists) */
                    Decision?: {
                        /** @description Where a value comes from at run time */
                        Left: {
                            /** @enum {unknown} */
                            MappingType: "StaticValue" | "ValueList" | "StepField" | "Variable" | "Expression" | "Ignore";
                            /** @description StaticValue/ValueList: the value; Expression: a JSONata expression */
                            Value?: unknown;
                            /** @description StepField: an earlier step */
                            SourceStepId?: number;
                            /** @description StepField: a dotted path in that step's output item, e.g. owner.id */
                            SourceFieldId?: string;
                            /** @description Variable: its name */
                            VariableName?: string;
                        };
                        /** @enum {unknown} */
                        Condition: "Equals" | "NotEquals" | "Contains" | "GreaterThan" | "LessThan" | "Exists" | "NotExists";
                        /** @description Where a value comes from at run time */
                        Right?: {
                            /** @enum {unknown} */
                            MappingType: "StaticValue" | "ValueList" | "StepField" | "Variable" | "Expression" | "Ignore";
                            /** @description StaticValue/ValueList: the value; Expression: a JSONata expression */
                            Value?: unknown;
                            /** @description StepField: an earlier step */
                            SourceStepId?: number;
                            /** @description StepField: a dotted path in that step's output item, e.g. owner.id */
                            SourceFieldId?: string;
                            /** @description Variable: its name */
                            VariableName?: string;
                        } | null;
                    } | null;
                    DelaySeconds?: number | null;
                    /** @description Wait Until steps: the date and time to wait for */
                    WaitUntil?: {
                        /** @enum {unknown} */
                        MappingType: "StaticValue" | "ValueList" | "StepField" | "Variable" | "Expression" | "Ignore";
                        /** @description StaticValue/ValueList: the value; Expression: a JSONata expression */
                        Value?: unknown;
                        /** @description StepField: an earlier step */
                        SourceStepId?: number;
                        /** @description StepField: a dotted path in that step's output item, e.g. owner.id */
                        SourceFieldId?: string;
                        /** @description Variable: its name */
                        VariableName?: string;
                    } | null;
                    /** @description What a synchronous webhook is answered */
                    Response?: {
                        Status: number;
                        /** @description Where a value comes from at run time */
                        Body: {
                            /** @enum {unknown} */
                            MappingType: "StaticValue" | "ValueList" | "StepField" | "Variable" | "Expression" | "Ignore";
                            /** @description StaticValue/ValueList: the value; Expression: a JSONata expression */
                            Value?: unknown;
                            /** @description StepField: an earlier step */
                            SourceStepId?: number;
                            /** @description StepField: a dotted path in that step's output item, e.g. owner.id */
                            SourceFieldId?: string;
                            /** @description Variable: its name */
                            VariableName?: string;
                        };
                    } | null;
                    /** @description Webhook steps: an example body whose fields the mapping pickers offer */
                    SamplePayload?: unknown;
                    /** @description Webhook steps: the request header whose value makes a repeated delivery one transaction, e.g. a provider's delivery id (null: Idempotency-Key) */
                    IdempotencyHeader?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Id: number;
                        CycleId: number;
                        Key: string;
                        Name: string;
                        /** @enum {unknown} */
                        ActionType: "Method" | "Webhook" | "Decision" | "Delay" | "WaitUntil" | "SynchronousResponse" | "Stop";
                        AccountConnectorId: number | null;
                        MethodId: string | null;
                        MethodUniqueIdentifier: string | null;
                        StepErrorAction: ("Ignore" | "Retry" | "StopTransaction" | "StopCycle") | (never | null);
                        Decision: {
                            /** @description Where a value comes from at run time */
                            Left: {
                                /** @enum {unknown} */
                                MappingType: "StaticValue" | "ValueList" | "StepField" | "Variable" | "Expression" | "Ignore";
                                /** @description StaticValue/ValueList: the value; Expression: a JSONata expression */
                                Value?: unknown;
                                /** @description StepField: an earlier step */
                                SourceStepId?: number;
                                /** @description StepField: a dotted path in that step's output item, e.g. owner.id */
                                SourceFieldId?: string;
                                /** @description Variable: its name */
                                VariableName?: string;
                            };
                            /** @enum {unknown} */
                            Condition: "Equals" | "NotEquals" | "Contains" | "GreaterThan" | "LessThan" | "Exists" | "NotExists";
                            /** @description Where a value comes from at run time */
                            Right: {
                                /** @enum {unknown} */
                                MappingType: "StaticValue" | "ValueList" | "StepField" | "Variable" | "Expression" | "Ignore";
                                /** @description StaticValue/ValueList: the value; Expression: a JSONata expression */
                                Value?: unknown;
                                /** @description StepField: an earlier step */
                                SourceStepId?: number;
                                /** @description StepField: a dotted path in that step's output item, e.g. owner.id */
                                SourceFieldId?: string;
                                /** @description Variable: its name */
                                VariableName?: string;
                            } | null;
                        } | null;
                        DelaySeconds: number | null;
                        /** @description Where a value comes from at run time */
                        WaitUntil: {
                            /** @enum {unknown} */
                            MappingType: "StaticValue" | "ValueList" | "StepField" | "Variable" | "Expression" | "Ignore";
                            /** @description StaticValue/ValueList: the value; Expression: a JSONata expression */
                            Value?: unknown;
                            /** @description StepField: an earlier step */
                            SourceStepId?: number;
                            /** @description StepField: a dotted path in that step's output item, e.g. owner.id */
                            SourceFieldId?: string;
                            /** @description Variable: its name */
                            VariableName?: string;
                        } | null;
                        /** @description What a synchronous webhook is answered */
                        Response: {
                            Status: number;
                            /** @description Where a value comes from at run time */
                            Body: {
                                /** @enum {unknown} */
                                MappingType: "StaticValue" | "ValueList" | "StepField" | "Variable" | "Expression" | "Ignore";
                                /** @description StaticValue/ValueList: the value; Expression: a JSONata expression */
                                Value?: unknown;
                                /** @description StepField: an earlier step */
                                SourceStepId?: number;
                                /** @description StepField: a dotted path in that step's output item, e.g. owner.id */
                                SourceFieldId?: string;
                                /** @description Variable: its name */
                                VariableName?: string;
                            };
                        } | null;
                        /** @description Webhook steps: the URL that starts a transaction */
                        WebhookUrl: string | null;
                        /** @description Webhook steps: an example body whose fields the mapping pickers offer */
                        SamplePayload: unknown;
                        /** @description Webhook steps: the request header whose value makes a repeated delivery one transaction, e.g. a provider's delivery id (null: Idempotency-Key) */
                        IdempotencyHeader: string | null;
                        /** @description Installed from a template before its connector was authenticated: the object (a Caspio table) whose custom category the step is bound to once it is (prerequisite 20 until then) */
                        PendingObject: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    getCycleStep: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Id: number;
                        CycleId: number;
                        Key: string;
                        Name: string;
                        /** @enum {unknown} */
                        ActionType: "Method" | "Webhook" | "Decision" | "Delay" | "WaitUntil" | "SynchronousResponse" | "Stop";
                        AccountConnectorId: number | null;
                        MethodId: string | null;
                        MethodUniqueIdentifier: string | null;
                        StepErrorAction: ("Ignore" | "Retry" | "StopTransaction" | "StopCycle") | (never | null);
                        Decision: {
                            /** @description Where a value comes from at run time */
                            Left: {
                                /** @enum {unknown} */
                                MappingType: "StaticValue" | "ValueList" | "StepField" | "Variable" | "Expression" | "Ignore";
                                /** @description StaticValue/ValueList: the value; Expression: a JSONata expression */
                                Value?: unknown;
                                /** @description StepField: an earlier step */
                                SourceStepId?: number;
                                /** @description StepField: a dotted path in that step's output item, e.g. owner.id */
                                SourceFieldId?: string;
                                /** @description Variable: its name */
                                VariableName?: string;
                            };
                            /** @enum {unknown} */
                            Condition: "Equals" | "NotEquals" | "Contains" | "GreaterThan" | "LessThan" | "Exists" | "NotExists";
                            /** @description Where a value comes from at run time */
                            Right: {
                                /** @enum {unknown} */
                                MappingType: "StaticValue" | "ValueList" | "StepField" | "Variable" | "Expression" | "Ignore";
                                /** @description StaticValue/ValueList: the value; Expression: a JSONata expression */
                                Value?: unknown;
                                /** @description StepField: an earlier step */
                                SourceStepId?: number;
                                /** @description StepField: a dotted path in that step's output item, e.g. owner.id */
                                SourceFieldId?: string;
                                /** @description Variable: its name */
                                VariableName?: string;
                            } | null;
                        } | null;
                        DelaySeconds: number | null;
                        /** @description Where a value comes from at run time */
                        WaitUntil: {
                            /** @enum {unknown} */
                            MappingType: "StaticValue" | "ValueList" | "StepField" | "Variable" | "Expression" | "Ignore";
                            /** @description StaticValue/ValueList: the value; Expression: a JSONata expression */
                            Value?: unknown;
                            /** @description StepField: an earlier step */
                            SourceStepId?: number;
                            /** @description StepField: a dotted path in that step's output item, e.g. owner.id */
                            SourceFieldId?: string;
                            /** @description Variable: its name */
                            VariableName?: string;
                        } | null;
                        /** @description What a synchronous webhook is answered */
                        Response: {
                            Status: number;
                            /** @description Where a value comes from at run time */
                            Body: {
                                /** @enum {unknown} */
                                MappingType: "StaticValue" | "ValueList" | "StepField" | "Variable" | "Expression" | "Ignore";
                                /** @description StaticValue/ValueList: the value; Expression: a JSONata expression */
                                Value?: unknown;
                                /** @description StepField: an earlier step */
                                SourceStepId?: number;
                                /** @description StepField: a dotted path in that step's output item, e.g. owner.id */
                                SourceFieldId?: string;
                                /** @description Variable: its name */
                                VariableName?: string;
                            };
                        } | null;
                        /** @description Webhook steps: the URL that starts a transaction */
                        WebhookUrl: string | null;
                        /** @description Webhook steps: an example body whose fields the mapping pickers offer */
                        SamplePayload: unknown;
                        /** @description Webhook steps: the request header whose value makes a repeated delivery one transaction, e.g. a provider's delivery id (null: Idempotency-Key) */
                        IdempotencyHeader: string | null;
                        /** @description Installed from a template before its connector was authenticated: the object (a Caspio table) whose custom category the step is bound to once it is (prerequisite 20 until then) */
                        PendingObject: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    updateCycleStep: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    Name?: string;
                    /** @description Unique in the cycle; Expressions name the step by it (default step_{Id}) */
                    Key?: string;
                    AccountConnectorId?: number;
                    /** @description Method steps: a method id (list-records@3 for a custom category) or MethodUniqueIdentifier */
                    MethodId?: string;
                    StepErrorAction?: ("Ignore" | "Retry" | "StopTransaction" | "StopCycle") | (never | null);
                    /** @description The left operand, a condition, and the right operand (none for Exists and NotExists) */
                    Decision?: {
                        /** @description Where a value comes from at run time */
                        Left: {
                            /** @enum {unknown} */
                            MappingType: "StaticValue" | "ValueList" | "StepField" | "Variable" | "Expression" | "Ignore";
                            /** @description StaticValue/ValueList: the value; Expression: a JSONata expression */
                            Value?: unknown;
                            /** @description StepField: an earlier step */
                            SourceStepId?: number;
                            /** @description StepField: a dotted path in that step's output item, e.g. owner.id */
                            SourceFieldId?: string;
                            /** @description Variable: its name */
                            VariableName?: string;
                        };
                        /** @enum {unknown} */
                        Condition: "Equals" | "NotEquals" | "Contains" | "GreaterThan" | "LessThan" | "Exists" | "NotExists";
                        /** @description Where a value comes from at run time */
                        Right?: {
                            /** @enum {unknown} */
                            MappingType: "StaticValue" | "ValueList" | "StepField" | "Variable" | "Expression" | "Ignore";
                            /** @description StaticValue/ValueList: the value; Expression: a JSONata expression */
                            Value?: unknown;
                            /** @description StepField: an earlier step */
                            SourceStepId?: number;
                            /** @description StepField: a dotted path in that step's output item, e.g. owner.id */
                            SourceFieldId?: string;
                            /** @description Variable: its name */
                            VariableName?: string;
                        } | null;
                    } | null;
                    DelaySeconds?: number | null;
                    /** @description Wait Until steps: the date and time to wait for */
                    WaitUntil?: {
                        /** @enum {unknown} */
                        MappingType: "StaticValue" | "ValueList" | "StepField" | "Variable" | "Expression" | "Ignore";
                        /** @description StaticValue/ValueList: the value; Expression: a JSONata expression */
                        Value?: unknown;
                        /** @description StepField: an earlier step */
                        SourceStepId?: number;
                        /** @description StepField: a dotted path in that step's output item, e.g. owner.id */
                        SourceFieldId?: string;
                        /** @description Variable: its name */
                        VariableName?: string;
                    } | null;
                    /** @description What a synchronous webhook is answered */
                    Response?: {
                        Status: number;
                        /** @description Where a value comes from at run time */
                        Body: {
                            /** @enum {unknown} */
                            MappingType: "StaticValue" | "ValueList" | "StepField" | "Variable" | "Expression" | "Ignore";
                            /** @description StaticValue/ValueList: the value; Expression: a JSONata expression */
                            Value?: unknown;
                            /** @description StepField: an earlier step */
                            SourceStepId?: number;
                            /** @description StepField: a dotted path in that step's output item, e.g. owner.id */
                            SourceFieldId?: string;
                            /** @description Variable: its name */
                            VariableName?: string;
                        };
                    } | null;
                    /** @description Webhook steps: an example body whose fields the mapping pickers offer */
                    SamplePayload?: unknown;
                    /** @description Webhook steps: the request header whose value makes a repeated delivery one transaction, e.g. a provider's delivery id (null: Idempotency-Key) */
                    IdempotencyHeader?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Id: number;
                        CycleId: number;
                        Key: string;
                        Name: string;
                        /** @enum {unknown} */
                        ActionType: "Method" | "Webhook" | "Decision" | "Delay" | "WaitUntil" | "SynchronousResponse" | "Stop";
                        AccountConnectorId: number | null;
                        MethodId: string | null;
                        MethodUniqueIdentifier: string | null;
                        StepErrorAction: ("Ignore" | "Retry" | "StopTransaction" | "StopCycle") | (never | null);
                        Decision: {
                            /** @description Where a value comes from at run time */
                            Left: {
                                /** @enum {unknown} */
                                MappingType: "StaticValue" | "ValueList" | "StepField" | "Variable" | "Expression" | "Ignore";
                                /** @description StaticValue/ValueList: the value; Expression: a JSONata expression */
                                Value?: unknown;
                                /** @description StepField: an earlier step */
                                SourceStepId?: number;
                                /** @description StepField: a dotted path in that step's output item, e.g. owner.id */
                                SourceFieldId?: string;
                                /** @description Variable: its name */
                                VariableName?: string;
                            };
                            /** @enum {unknown} */
                            Condition: "Equals" | "NotEquals" | "Contains" | "GreaterThan" | "LessThan" | "Exists" | "NotExists";
                            /** @description Where a value comes from at run time */
                            Right: {
                                /** @enum {unknown} */
                                MappingType: "StaticValue" | "ValueList" | "StepField" | "Variable" | "Expression" | "Ignore";
                                /** @description StaticValue/ValueList: the value; Expression: a JSONata expression */
                                Value?: unknown;
                                /** @description StepField: an earlier step */
                                SourceStepId?: number;
                                /** @description StepField: a dotted path in that step's output item, e.g. owner.id */
                                SourceFieldId?: string;
                                /** @description Variable: its name */
                                VariableName?: string;
                            } | null;
                        } | null;
                        DelaySeconds: number | null;
                        /** @description Where a value comes from at run time */
                        WaitUntil: {
                            /** @enum {unknown} */
                            MappingType: "StaticValue" | "ValueList" | "StepField" | "Variable" | "Expression" | "Ignore";
                            /** @description StaticValue/ValueList: the value; Expression: a JSONata expression */
                            Value?: unknown;
                            /** @description StepField: an earlier step */
                            SourceStepId?: number;
                            /** @description StepField: a dotted path in that step's output item, e.g. owner.id */
                            SourceFieldId?: string;
                            /** @description Variable: its name */
                            VariableName?: string;
                        } | null;
                        /** @description What a synchronous webhook is answered */
                        Response: {
                            Status: number;
                            /** @description Where a value comes from at run time */
                            Body: {
                                /** @enum {unknown} */
                                MappingType: "StaticValue" | "ValueList" | "StepField" | "Variable" | "Expression" | "Ignore";
                                /** @description StaticValue/ValueList: the value; Expression: a JSONata expression */
                                Value?: unknown;
                                /** @description StepField: an earlier step */
                                SourceStepId?: number;
                                /** @description StepField: a dotted path in that step's output item, e.g. owner.id */
                                SourceFieldId?: string;
                                /** @description Variable: its name */
                                VariableName?: string;
                            };
                        } | null;
                        /** @description Webhook steps: the URL that starts a transaction */
                        WebhookUrl: string | null;
                        /** @description Webhook steps: an example body whose fields the mapping pickers offer */
                        SamplePayload: unknown;
                        /** @description Webhook steps: the request header whose value makes a repeated delivery one transaction, e.g. a provider's delivery id (null: Idempotency-Key) */
                        IdempotencyHeader: string | null;
                        /** @description Installed from a template before its connector was authenticated: the object (a Caspio table) whose custom category the step is bound to once it is (prerequisite 20 until then) */
                        PendingObject: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    deleteCycleStep: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    listStepFieldsForMapping: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        StepId: number;
                        StepKey: string;
                        StepName: string;
                        /** @enum {unknown} */
                        ActionType: "Method" | "Webhook" | "Decision" | "Delay" | "WaitUntil" | "SynchronousResponse" | "Stop";
                        Fields: {
                            /** @description Dotted path in one item; [] marks each element of a list (map one with .0.) */
                            Field: string;
                            DataType: string;
                            IsNullable: boolean;
                            Format: string | null;
                            Description: string;
                        }[];
                    }[];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    listCycleEdges: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Id: number;
                        HeadStepId: number;
                        TailStepId: number;
                        /** @enum {unknown} */
                        EdgeType: "Forward" | "True" | "False";
                    }[];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    createCycleEdge: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    HeadStepId: number;
                    TailStepId: number;
                    /**
                     * @description Forward (default); True or False out of a Decision
                     * @enum {unknown}
                     */
                    EdgeType?: "Forward" | "True" | "False";
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Id: number;
                        HeadStepId: number;
                        TailStepId: number;
                        /** @enum {unknown} */
                        EdgeType: "Forward" | "True" | "False";
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    deleteCycleEdgeBetween: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    HeadStepId: number;
                    TailStepId: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    deleteCycleEdge: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
                edgeId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    listStepParameters: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Name: string;
                        /** @description The method's type for it; null when the method no longer declares it */
                        DataType: string | null;
                        IsRequired: boolean;
                        Description: string;
                        /** @description Where a value comes from at run time */
                        Mapping: {
                            /** @enum {unknown} */
                            MappingType: "StaticValue" | "ValueList" | "StepField" | "Variable" | "Expression" | "Ignore";
                            /** @description StaticValue/ValueList: the value; Expression: a JSONata expression */
                            Value?: unknown;
                            /** @description StepField: an earlier step */
                            SourceStepId?: number;
                            /** @description StepField: a dotted path in that step's output item, e.g. owner.id */
                            SourceFieldId?: string;
                            /** @description Variable: its name */
                            VariableName?: string;
                        } | null;
                    }[];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    getStepParameter: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Name: string;
                        /** @description The method's type for it; null when the method no longer declares it */
                        DataType: string | null;
                        IsRequired: boolean;
                        Description: string;
                        /** @description Where a value comes from at run time */
                        Mapping: {
                            /** @enum {unknown} */
                            MappingType: "StaticValue" | "ValueList" | "StepField" | "Variable" | "Expression" | "Ignore";
                            /** @description StaticValue/ValueList: the value; Expression: a JSONata expression */
                            Value?: unknown;
                            /** @description StepField: an earlier step */
                            SourceStepId?: number;
                            /** @description StepField: a dotted path in that step's output item, e.g. owner.id */
                            SourceFieldId?: string;
                            /** @description Variable: its name */
                            VariableName?: string;
                        } | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    setStepParameter: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
                name: string;
            };
            cookie?: never;
        };
        /** @description Where a value comes from at run time */
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {unknown} */
                    MappingType: "StaticValue" | "ValueList" | "StepField" | "Variable" | "Expression" | "Ignore";
                    /** @description StaticValue/ValueList: the value; Expression: a JSONata expression */
                    Value?: unknown;
                    /** @description StepField: an earlier step */
                    SourceStepId?: number;
                    /** @description StepField: a dotted path in that step's output item, e.g. owner.id */
                    SourceFieldId?: string;
                    /** @description Variable: its name */
                    VariableName?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Name: string;
                        /** @description The method's type for it; null when the method no longer declares it */
                        DataType: string | null;
                        IsRequired: boolean;
                        Description: string;
                        /** @description Where a value comes from at run time */
                        Mapping: {
                            /** @enum {unknown} */
                            MappingType: "StaticValue" | "ValueList" | "StepField" | "Variable" | "Expression" | "Ignore";
                            /** @description StaticValue/ValueList: the value; Expression: a JSONata expression */
                            Value?: unknown;
                            /** @description StepField: an earlier step */
                            SourceStepId?: number;
                            /** @description StepField: a dotted path in that step's output item, e.g. owner.id */
                            SourceFieldId?: string;
                            /** @description Variable: its name */
                            VariableName?: string;
                        } | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    clearStepParameter: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    listStepFieldMappings: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Name: string;
                        /** @description The method's type for it; null when the method no longer declares it */
                        DataType: string | null;
                        IsRequired: boolean;
                        Description: string;
                        /** @description Where a value comes from at run time */
                        Mapping: {
                            /** @enum {unknown} */
                            MappingType: "StaticValue" | "ValueList" | "StepField" | "Variable" | "Expression" | "Ignore";
                            /** @description StaticValue/ValueList: the value; Expression: a JSONata expression */
                            Value?: unknown;
                            /** @description StepField: an earlier step */
                            SourceStepId?: number;
                            /** @description StepField: a dotted path in that step's output item, e.g. owner.id */
                            SourceFieldId?: string;
                            /** @description Variable: its name */
                            VariableName?: string;
                        } | null;
                    }[];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    getStepFieldMapping: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Name: string;
                        /** @description The method's type for it; null when the method no longer declares it */
                        DataType: string | null;
                        IsRequired: boolean;
                        Description: string;
                        /** @description Where a value comes from at run time */
                        Mapping: {
                            /** @enum {unknown} */
                            MappingType: "StaticValue" | "ValueList" | "StepField" | "Variable" | "Expression" | "Ignore";
                            /** @description StaticValue/ValueList: the value; Expression: a JSONata expression */
                            Value?: unknown;
                            /** @description StepField: an earlier step */
                            SourceStepId?: number;
                            /** @description StepField: a dotted path in that step's output item, e.g. owner.id */
                            SourceFieldId?: string;
                            /** @description Variable: its name */
                            VariableName?: string;
                        } | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    setStepFieldMapping: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
                name: string;
            };
            cookie?: never;
        };
        /** @description Where a value comes from at run time */
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {unknown} */
                    MappingType: "StaticValue" | "ValueList" | "StepField" | "Variable" | "Expression" | "Ignore";
                    /** @description StaticValue/ValueList: the value; Expression: a JSONata expression */
                    Value?: unknown;
                    /** @description StepField: an earlier step */
                    SourceStepId?: number;
                    /** @description StepField: a dotted path in that step's output item, e.g. owner.id */
                    SourceFieldId?: string;
                    /** @description Variable: its name */
                    VariableName?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Name: string;
                        /** @description The method's type for it; null when the method no longer declares it */
                        DataType: string | null;
                        IsRequired: boolean;
                        Description: string;
                        /** @description Where a value comes from at run time */
                        Mapping: {
                            /** @enum {unknown} */
                            MappingType: "StaticValue" | "ValueList" | "StepField" | "Variable" | "Expression" | "Ignore";
                            /** @description StaticValue/ValueList: the value; Expression: a JSONata expression */
                            Value?: unknown;
                            /** @description StepField: an earlier step */
                            SourceStepId?: number;
                            /** @description StepField: a dotted path in that step's output item, e.g. owner.id */
                            SourceFieldId?: string;
                            /** @description Variable: its name */
                            VariableName?: string;
                        } | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    clearStepFieldMapping: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    startOAuth: {
        parameters: {
            query: {
                /** @description The account connector to authenticate */
                id?: number;
                /** @description Instead of id: a credential to authorize on its own; every install using it gets its token */
                credentialId?: number;
                /** @description A sign-in token */
                token: string;
                /** @description Where to report back: an allowed origin, or a URL below one (messages go to its origin, redirects to the whole URL) */
                targetOrigin: string;
                /** @description Posted to the opener on success; without it the browser is redirected to targetOrigin */
                callbackMessage?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            302: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: {Message, Code}, or an error page when the request accepts text/html */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                    "text/html": string;
                };
            };
            /** @description Refused: {Message, Code}, or an error page when the request accepts text/html */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                    "text/html": string;
                };
            };
            /** @description Refused: {Message, Code}, or an error page when the request accepts text/html */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                    "text/html": string;
                };
            };
            /** @description Refused: {Message, Code}, or an error page when the request accepts text/html */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                    "text/html": string;
                };
            };
            /** @description Refused: {Message, Code}, or an error page when the request accepts text/html */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                    "text/html": string;
                };
            };
        };
    };
    startOAuthWeb: {
        parameters: {
            query: {
                /** @description The account connector to authenticate */
                id?: number;
                /** @description Instead of id: a credential to authorize on its own; every install using it gets its token */
                credentialId?: number;
                /** @description A sign-in token */
                token: string;
                /** @description Where to report back: an allowed origin, or a URL below one (messages go to its origin, redirects to the whole URL) */
                targetOrigin: string;
                /** @description Posted to the opener on success; without it the browser is redirected to targetOrigin */
                callbackMessage?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            302: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: {Message, Code}, or an error page when the request accepts text/html */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                    "text/html": string;
                };
            };
            /** @description Refused: {Message, Code}, or an error page when the request accepts text/html */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                    "text/html": string;
                };
            };
            /** @description Refused: {Message, Code}, or an error page when the request accepts text/html */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                    "text/html": string;
                };
            };
            /** @description Refused: {Message, Code}, or an error page when the request accepts text/html */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                    "text/html": string;
                };
            };
            /** @description Refused: {Message, Code}, or an error page when the request accepts text/html */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                    "text/html": string;
                };
            };
        };
    };
    oauthCallback: {
        parameters: {
            query?: {
                /** @description What the provider sends back: state and code, or error and error_description, and any others it adds */
                callback?: {
                    [key: string]: string;
                };
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page that posts the outcome to the opener (with callbackMessage) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Default Response */
            302: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: {Message, Code}, or an error page when the request accepts text/html; a flow that failed at the provider posts its error to the opener in a page */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                    "text/html": string;
                };
            };
        };
    };
    listWebhooks: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Id: number;
                        Url: string;
                        Description: string | null;
                        Events: string[];
                        Enabled: boolean;
                        /** @description Masked: the secret is shown whole only when made */
                        SecretHint: string;
                        CreatedDate: string;
                        UpdatedDate: string;
                    }[];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    createWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Where events are POSTed (http or https) */
                    Url: string;
                    /** @description Any of AccountConnector.Authenticated, AccountConnector.Deauthenticated, AccountConnector.RefreshFailed, Credential.ProbeFailed, Transaction.Error */
                    Events: string[];
                    Description?: string | null;
                    Enabled?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Id: number;
                        Url: string;
                        Description: string | null;
                        Events: string[];
                        Enabled: boolean;
                        /** @description Masked: the secret is shown whole only when made */
                        SecretHint: string;
                        CreatedDate: string;
                        UpdatedDate: string;
                        /** @description The signing secret, shown this once: keep it */
                        Secret: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    getWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Id: number;
                        Url: string;
                        Description: string | null;
                        Events: string[];
                        Enabled: boolean;
                        /** @description Masked: the secret is shown whole only when made */
                        SecretHint: string;
                        CreatedDate: string;
                        UpdatedDate: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    updateWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Where events are POSTed (http or https) */
                    Url?: string;
                    /** @description Any of AccountConnector.Authenticated, AccountConnector.Deauthenticated, AccountConnector.RefreshFailed, Credential.ProbeFailed, Transaction.Error */
                    Events?: string[];
                    Description?: string | null;
                    Enabled?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Id: number;
                        Url: string;
                        Description: string | null;
                        Events: string[];
                        Enabled: boolean;
                        /** @description Masked: the secret is shown whole only when made */
                        SecretHint: string;
                        CreatedDate: string;
                        UpdatedDate: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    deleteWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    rotateWebhookSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Id: number;
                        Url: string;
                        Description: string | null;
                        Events: string[];
                        Enabled: boolean;
                        /** @description Masked: the secret is shown whole only when made */
                        SecretHint: string;
                        CreatedDate: string;
                        UpdatedDate: string;
                        /** @description The signing secret, shown this once: keep it */
                        Secret: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    testWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Id: number;
                        EventId: string;
                        Event: string;
                        /** @description Pending, Retrying, Delivered or Failed */
                        State: string;
                        Attempts: number;
                        LastStatusCode: number | null;
                        LastError: string | null;
                        LastAttemptDate: string | null;
                        DeliveredDate: string | null;
                        CreatedDate: string;
                        /** @description The body sent, as signed */
                        Payload: unknown;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Id: number;
                        EventId: string;
                        Event: string;
                        /** @description Pending, Retrying, Delivered or Failed */
                        State: string;
                        Attempts: number;
                        LastStatusCode: number | null;
                        LastError: string | null;
                        LastAttemptDate: string | null;
                        DeliveredDate: string | null;
                        CreatedDate: string;
                        /** @description The body sent, as signed */
                        Payload: unknown;
                    }[];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    getWebhookDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                deliveryId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Id: number;
                        EventId: string;
                        Event: string;
                        /** @description Pending, Retrying, Delivered or Failed */
                        State: string;
                        Attempts: number;
                        LastStatusCode: number | null;
                        LastError: string | null;
                        LastAttemptDate: string | null;
                        DeliveredDate: string | null;
                        CreatedDate: string;
                        /** @description The body sent, as signed */
                        Payload: unknown;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    redeliverWebhookDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                deliveryId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Id: number;
                        EventId: string;
                        Event: string;
                        /** @description Pending, Retrying, Delivered or Failed */
                        State: string;
                        Attempts: number;
                        LastStatusCode: number | null;
                        LastError: string | null;
                        LastAttemptDate: string | null;
                        DeliveredDate: string | null;
                        CreatedDate: string;
                        /** @description The body sent, as signed */
                        Payload: unknown;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    mcp: {
        parameters: {
            query?: {
                /** @description Comma-separated tool name globs, e.g. pipedrive_*,capsule_list_* */
                tools?: string;
                /** @description One account connector's tools */
                connector?: string;
                /** @description true: read-only tools only; calls to others are refused */
                readOnly?: string;
                /** @description search: list only search_tools and call_tool */
                mode?: string;
            };
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The JSON-RPC replies */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description The request held only notifications */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not a JSON-RPC message, or an MCP-Protocol-Version the server does not speak */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description No valid bearer token (WWW-Authenticate names the resource metadata) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description A Host or Origin that is not allowed, or another account */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Accept does not list application/json and text/event-stream */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description The body is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    openConnectPage: {
        parameters: {
            query: {
                token: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: {Message, Code}, or an error page when the request accepts text/html */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                    "text/html": string;
                };
            };
            /** @description Refused: {Message, Code}, or an error page when the request accepts text/html */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                    "text/html": string;
                };
            };
        };
    };
    listConnectPageApps: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Title: string;
                        Accent: string;
                        LogoUrl: string | null;
                        Apps: {
                            Id: number;
                            Name: string;
                            ConnectorName: string;
                            /** @description The absolute URL of the connector's icon; '' when it has none */
                            Icon: string;
                            AuthDescription: string;
                            Connect: "popup" | "key" | "password" | "none";
                            Authenticated: boolean;
                            AuthenticationError: string | null;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    startConnectPagePopup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        Url: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    connectConnectPageApp: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The API key, or base64 of username:password */
                    AuthValue: string;
                };
            };
        };
        responses: {
            /** @description Connected */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    deliverWebhookPut: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The Webhook step's URL token */
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The transaction the delivery started (or, for a repeat, the first one) */
                        TransactionId: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    deliverWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The Webhook step's URL token */
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The transaction the delivery started (or, for a repeat, the first one) */
                        TransactionId: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
        };
    };
    proxyGet: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
                /** @description The third party's path below the connector's proxy base URL, its ProxyBaseUrl or else its BaseUrl (api/v2/deals, v1/users/me for Pipedrive); its slashes are sent as they are, not encoded */
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description The third party's answer, status, headers and body unchanged */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": unknown;
                };
            };
        };
    };
    proxyPut: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
                /** @description The third party's path below the connector's proxy base URL, its ProxyBaseUrl or else its BaseUrl (api/v2/deals, v1/users/me for Pipedrive); its slashes are sent as they are, not encoded */
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description The third party's answer, status, headers and body unchanged */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": unknown;
                };
            };
        };
    };
    proxyPost: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
                /** @description The third party's path below the connector's proxy base URL, its ProxyBaseUrl or else its BaseUrl (api/v2/deals, v1/users/me for Pipedrive); its slashes are sent as they are, not encoded */
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description The third party's answer, status, headers and body unchanged */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": unknown;
                };
            };
        };
    };
    proxyDelete: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
                /** @description The third party's path below the connector's proxy base URL, its ProxyBaseUrl or else its BaseUrl (api/v2/deals, v1/users/me for Pipedrive); its slashes are sent as they are, not encoded */
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description The third party's answer, status, headers and body unchanged */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": unknown;
                };
            };
        };
    };
    proxyOptions: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
                /** @description The third party's path below the connector's proxy base URL, its ProxyBaseUrl or else its BaseUrl (api/v2/deals, v1/users/me for Pipedrive); its slashes are sent as they are, not encoded */
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description The third party's answer, status, headers and body unchanged */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": unknown;
                };
            };
        };
    };
    proxyHead: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
                /** @description The third party's path below the connector's proxy base URL, its ProxyBaseUrl or else its BaseUrl (api/v2/deals, v1/users/me for Pipedrive); its slashes are sent as they are, not encoded */
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description The third party's answer, status, headers and body unchanged */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": unknown;
                };
            };
        };
    };
    proxyPatch: {
        parameters: {
            query?: never;
            header?: {
                /** @description The account to act on. A partner token must name one (400 PB_ERR_ACCOUNT_REQUIRED otherwise); a token restricted to one account needs none, and naming another account answers 403 PB_ERR_FORBIDDEN. */
                "X-Cyclr-Account"?: string;
                /** @description The same as X-Cyclr-Account, under Patchbay’s own name. */
                "X-Patchbay-Account"?: string;
            };
            path: {
                id: number;
                /** @description The third party's path below the connector's proxy base URL, its ProxyBaseUrl or else its BaseUrl (api/v2/deals, v1/users/me for Pipedrive); its slashes are sent as they are, not encoded */
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorReply"];
                };
            };
            /** @description The third party's answer, status, headers and body unchanged */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": unknown;
                };
            };
        };
    };
}
