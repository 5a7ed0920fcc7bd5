console.log("parley-conformance");
